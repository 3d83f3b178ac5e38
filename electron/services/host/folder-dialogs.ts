import fs from 'node:fs';
import path from 'node:path';
import type { FileDialogs } from './dialogs.js';

/**
 * File choices without a native dialog, for the web host: saves go into `saveDir` under the
 * suggested name (numbered when taken, never overwriting), and opening picks every file in
 * `openDir`.
 */
export class FolderDialogs implements FileDialogs {
  constructor(
    private readonly saveDir: string,
    private readonly openDir: string,
  ) {}

  async chooseSavePath(request: { suggestedName: string }): Promise<string | null> {
    fs.mkdirSync(this.saveDir, { recursive: true });
    const parsed = path.parse(path.basename(request.suggestedName));
    let candidate = path.join(this.saveDir, parsed.base);
    for (let n = 2; fs.existsSync(candidate); n += 1) candidate = path.join(this.saveDir, `${parsed.name}-${n}${parsed.ext}`);
    return candidate;
  }

  /** Returns the open folder, which plays the folder the user would choose, such as an inbox. */
  async chooseFolder(): Promise<string | null> {
    fs.mkdirSync(this.openDir, { recursive: true });
    return this.openDir;
  }

  async chooseOpenPaths(): Promise<string[]> {
    if (!fs.existsSync(this.openDir)) return [];
    return fs
      .readdirSync(this.openDir, { withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => path.join(this.openDir, d.name))
      .sort();
  }
}
