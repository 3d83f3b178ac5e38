import fs from 'node:fs';
import path from 'node:path';
import { PlannerError } from '../../shared/api/errors.js';

/**
 * Writes a file so that readers see either the old content or the whole new content: a
 * temporary file in the same folder, flushed to disk, then renamed over the target.
 */
export function writeFileAtomic(target: string, data: string | Buffer): void {
  const dir = path.dirname(path.resolve(target));
  if (!fs.existsSync(dir)) throw new PlannerError('not-found', `Folder ${dir} does not exist; create it or choose another output path.`);
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    const fd = fs.openSync(temp, 'wx', 0o644);
    try {
      fs.writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, target);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    if (error instanceof PlannerError) throw error;
    throw new PlannerError('storage', `Cannot write ${target}: ${(error as Error).message}`);
  }
}

export type CappedRead = { ok: true; bytes: Buffer } | { ok: false; size: number; reason: 'too-large' | 'not-a-file' };

/** Reads a whole file only when it is no larger than `maxBytes`, checking the size before reading. */
export function readFileCapped(file: string, maxBytes: number): CappedRead {
  const fd = fs.openSync(file, 'r');
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { ok: false, size: stat.size, reason: 'not-a-file' };
    if (stat.size > maxBytes) return { ok: false, size: stat.size, reason: 'too-large' };
    // Read one byte past the cap, in case the file grows between fstat and read.
    const buffer = Buffer.alloc(stat.size + 1);
    let length = 0;
    for (;;) {
      const n = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length > maxBytes) return { ok: false, size: length, reason: 'too-large' };
      if (length === buffer.length) break;
    }
    return { ok: true, bytes: buffer.subarray(0, length) };
  } finally {
    fs.closeSync(fd);
  }
}

/** Reads a user-named text file for import, with a message naming the path when it cannot. */
export function readTextFile(file: string, maxBytes: number): string {
  let result: CappedRead;
  try {
    result = readFileCapped(file, maxBytes);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new PlannerError('not-found', `File ${file} not found; check the path.`);
    throw new PlannerError('invalid-input', `Cannot read ${file}: ${(error as Error).message}`);
  }
  if (!result.ok) {
    if (result.reason === 'not-a-file') throw new PlannerError('invalid-input', `${file} is not a file; give the path of a file.`);
    throw new PlannerError('invalid-input', `${file} has ${result.size} bytes, more than the limit of ${maxBytes}; check that it is the right file.`);
  }
  return result.bytes.toString('utf8');
}
