import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRandom } from '../support/random.js';
import {
  PAYLOAD_LINE_LENGTH,
  decodeArmor,
  encodeArmor,
  maxArmorBytes,
  type ArmorMessage,
  type ArmorResult,
} from '../../electron/services/exchange/armor.js';

const BUNDLE_LABEL = 'OUTCOME PLANNER BUNDLE';
const BUNDLE_HEADERS = ['Format', 'Office', 'Revision', 'Key', 'Signature'];
const MAX_PAYLOAD_BYTES = 4096;
const EXPECTED = { label: BUNDLE_LABEL, headers: BUNDLE_HEADERS, maxPayloadBytes: MAX_PAYLOAD_BYTES };

function randomBytes(random: () => number, length: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let index = 0; index < length; index++) {
    bytes[index] = Math.floor(random() * 256);
  }
  return bytes;
}

function bundleMessage(payload: Buffer): ArmorMessage {
  return {
    label: BUNDLE_LABEL,
    headers: {
      Format: '1',
      Office: 'AFR-DAKAR',
      Revision: '3',
      Key: '3f2a9c0e8d7b6a5f4e3d2c1b0a99887766554433221100ffeeddccbbaa998877',
      Signature: randomBytes(createRandom(7), 64).toString('base64'),
    },
    payload,
  };
}

const PAYLOAD = randomBytes(createRandom(42), 1000);
const MESSAGE = bundleMessage(PAYLOAD);
const ENVELOPE = encodeArmor(MESSAGE, BUNDLE_HEADERS);
const ENVELOPE_BYTES = Buffer.from(ENVELOPE, 'latin1');

function decodeText(text: string, expected = EXPECTED): ArmorResult {
  return decodeArmor(Buffer.from(text, 'latin1'), expected);
}

function expectSameMessage(result: ArmorResult, message: ArmorMessage = MESSAGE): void {
  if (!result.ok) {
    throw new Error(`expected ok, got: ${result.reason}`);
  }
  expect(result.message.label).toBe(message.label);
  expect(result.message.headers).toEqual(message.headers);
  expect(result.message.payload.equals(message.payload)).toBe(true);
}

function reasonOf(result: ArmorResult): string {
  if (result.ok) {
    throw new Error('expected a rejection, got ok');
  }
  return result.reason;
}

/** Replaces the line at `index` (0-based) of ENVELOPE. */
function withLine(index: number, replacement: string): string {
  const lines = ENVELOPE.split('\n');
  lines[index] = replacement;
  return lines.join('\n');
}

function envelopeLines(): string[] {
  return ENVELOPE.split('\n');
}

describe('encodeArmor', () => {
  it('writes documented layout', () => {
    const lines = envelopeLines();
    expect(lines[0]).toBe('-----BEGIN OUTCOME PLANNER BUNDLE-----');
    expect(lines.slice(1, 6)).toEqual([
      'Format: 1',
      'Office: AFR-DAKAR',
      'Revision: 3',
      `Key: ${MESSAGE.headers['Key']}`,
      `Signature: ${MESSAGE.headers['Signature']}`,
    ]);
    expect(lines[6]).toBe('');
    expect(lines.at(-2)).toBe('-----END OUTCOME PLANNER BUNDLE-----');
    expect(lines.at(-1)).toBe('');
    expect(ENVELOPE).not.toContain('\r');
    expect(ENVELOPE.endsWith('-----\n')).toBe(true);
  });

  it('wraps payload at 64 characters', () => {
    const payloadLines = envelopeLines().slice(7, -2);
    expect(payloadLines.join('')).toBe(PAYLOAD.toString('base64'));
    for (const line of payloadLines.slice(0, -1)) {
      expect(line).toHaveLength(PAYLOAD_LINE_LENGTH);
    }
    expect(payloadLines.at(-1)?.length).toBeGreaterThan(0);
    expect(payloadLines.at(-1)?.length).toBeLessThanOrEqual(PAYLOAD_LINE_LENGTH);
  });

  it('follows headerOrder', () => {
    const text = encodeArmor(MESSAGE, ['Signature', 'Key', 'Revision', 'Office', 'Format']);
    expect(text.split('\n')[1]).toMatch(/^Signature: /);
    expect(text.split('\n')[5]).toBe('Format: 1');
  });

  it('rejects headers not matching order', () => {
    expect(() => encodeArmor(MESSAGE, ['Format', 'Office'])).toThrow(TypeError);
    expect(() => encodeArmor(MESSAGE, [...BUNDLE_HEADERS, 'Extra'])).toThrow(TypeError);
    expect(() => encodeArmor(MESSAGE, ['Format', 'Format', 'Office', 'Revision', 'Key'])).toThrow(TypeError);
  });

  it('rejects values that cannot round trip', () => {
    for (const value of ['', ' 3', '3 ', 'a\nb', 'a\tb', 'Dakar é', 'x\r']) {
      const message = { ...MESSAGE, headers: { ...MESSAGE.headers, Office: value } };
      expect(() => encodeArmor(message, BUNDLE_HEADERS)).toThrow(TypeError);
    }
  });

  it('rejects invalid labels and names', () => {
    expect(() => encodeArmor({ ...MESSAGE, label: 'outcome planner' }, BUNDLE_HEADERS)).toThrow(TypeError);
    expect(() => encodeArmor({ ...MESSAGE, label: 'A-B' }, BUNDLE_HEADERS)).toThrow(TypeError);
    expect(() => encodeArmor({ ...MESSAGE, label: ' A' }, BUNDLE_HEADERS)).toThrow(TypeError);
    expect(() => encodeArmor({ ...MESSAGE, headers: { 'Bad Name': 'x' } }, ['Bad Name'])).toThrow(TypeError);
    expect(() => encodeArmor({ ...MESSAGE, headers: { 'X:': 'x' } }, ['X:'])).toThrow(TypeError);
  });

  it('rejects empty payload', () => {
    expect(() => encodeArmor({ ...MESSAGE, payload: Buffer.alloc(0) }, BUNDLE_HEADERS)).toThrow(TypeError);
  });
});

describe('decodeArmor accepted input', () => {
  it('round trips many payload sizes', () => {
    const random = createRandom(1);
    for (let size = 1; size <= 300; size++) {
      const message = bundleMessage(randomBytes(random, size));
      const result = decodeArmor(Buffer.from(encodeArmor(message, BUNDLE_HEADERS), 'latin1'), EXPECTED);
      expectSameMessage(result, message);
    }
  });

  it('round trips payload at limit', () => {
    const message = bundleMessage(randomBytes(createRandom(2), MAX_PAYLOAD_BYTES));
    expectSameMessage(decodeText(encodeArmor(message, BUNDLE_HEADERS)), message);
  });

  it('round trips key label', () => {
    const message: ArmorMessage = {
      label: 'OUTCOME PLANNER KEY',
      headers: { Format: '1', Office: 'AFR-DAKAR' },
      payload: randomBytes(createRandom(3), 32),
    };
    const expected = { label: 'OUTCOME PLANNER KEY', headers: ['Format', 'Office'], maxPayloadBytes: 64 };
    expectSameMessage(decodeText(encodeArmor(message, ['Format', 'Office']), expected), message);
  });

  it('round trips header values with spaces', () => {
    const message = { ...MESSAGE, headers: { ...MESSAGE.headers, Office: 'Dakar regional office (AFR)' } };
    expectSameMessage(decodeText(encodeArmor(message, BUNDLE_HEADERS)), message);
  });

  it('returns headers by name only', () => {
    const result = decodeArmor(ENVELOPE_BYTES, EXPECTED);
    expectSameMessage(result);
    const headers = result.ok ? result.message.headers : {};
    expect(Object.keys(headers)).toEqual(BUNDLE_HEADERS);
  });

  it('accepts UTF-8 byte order mark', () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), ENVELOPE_BYTES]);
    expectSameMessage(decodeArmor(withBom, EXPECTED));
  });

  it('accepts CRLF line ends', () => {
    expectSameMessage(decodeText(ENVELOPE.replaceAll('\n', '\r\n')));
  });

  it('accepts mixed line ends', () => {
    let index = 0;
    const mixed = ENVELOPE.replace(/\n/g, () => (index++ % 2 === 0 ? '\r\n' : '\n'));
    expect(mixed).toContain('\r\n');
    expectSameMessage(decodeText(mixed));
  });

  it('accepts trailing spaces and tabs', () => {
    expectSameMessage(decodeText(ENVELOPE.replaceAll('\n', ' \t \n')));
    expectSameMessage(decodeText(ENVELOPE.replaceAll('\n', '\t\r\n')));
    expectSameMessage(decodeText(ENVELOPE.replaceAll('\n', ' \r\n')));
  });

  it('accepts whitespace around envelope', () => {
    expectSameMessage(decodeText(`\n\r\n  \t\n${ENVELOPE}\n \n\t\r\n\n`));
    expectSameMessage(decodeText(`  ${ENVELOPE}`));
  });

  it('accepts missing final line end', () => {
    expectSameMessage(decodeText(ENVELOPE.slice(0, -1)));
    expectSameMessage(decodeText(ENVELOPE.replaceAll('\n', '\r\n').slice(0, -2)));
  });

  it('accepts BOM, CRLF and blank lines together', () => {
    const notepad = `\ufeff\r\n${ENVELOPE.replaceAll('\n', '\r\n')}\r\n`;
    expectSameMessage(decodeArmor(Buffer.from(notepad, 'utf8'), EXPECTED));
  });

  describe('file saved as .txt', () => {
    let directory: string | undefined;
    afterEach(() => {
      if (directory !== undefined) {
        rmSync(directory, { recursive: true, force: true });
        directory = undefined;
      }
    });

    it('decodes file unchanged', () => {
      directory = mkdtempSync(join(tmpdir(), 'armor-test-'));
      const path = join(directory, 'AFR-DAKAR revision 3.txt');
      writeFileSync(path, ENVELOPE);
      expectSameMessage(decodeArmor(readFileSync(path), EXPECTED));
    });
  });
});

describe('decodeArmor rejections', () => {
  it('rejects empty and blank files', () => {
    expect(reasonOf(decodeText(''))).toContain('the file is empty');
    expect(reasonOf(decodeText(' \r\n\t\n'))).toContain('the file is empty');
    expect(reasonOf(decodeArmor(Buffer.from([0xef, 0xbb, 0xbf]), EXPECTED))).toContain('the file is empty');
  });

  it('rejects file without BEGIN line', () => {
    const reason = reasonOf(decodeText('Hello,\nplease find the plan attached.\n'));
    expect(reason).toBe(
      'not an Outcome Planner bundle: the first line is not -----BEGIN OUTCOME PLANNER BUNDLE-----; ' +
        'check that you chose the right file',
    );
  });

  it('names other envelope label', () => {
    const keyFile = encodeArmor(
      { label: 'OUTCOME PLANNER KEY', headers: { Format: '1' }, payload: Buffer.from('key') },
      ['Format'],
    );
    const reason = reasonOf(decodeText(keyFile));
    expect(reason).toContain('this file is an Outcome Planner key, not an Outcome Planner bundle');
    expect(reason).toContain('check that you chose the right file');
  });

  it('rejects text after END', () => {
    const reason = reasonOf(decodeText(`${ENVELOPE}\n-- \nSent from my phone\n`));
    expect(reason).toContain('unexpected text after the END line (line');
    expect(reason).toContain('ask the office to send the file again');
    expect(reasonOf(decodeText(ENVELOPE + ENVELOPE))).toContain('unexpected text after the END line');
  });

  it('rejects text before BEGIN', () => {
    expect(reasonOf(decodeText(`Hi,\n${ENVELOPE}`))).toContain('the first line is not -----BEGIN');
  });

  it('rejects wrong END line', () => {
    const lines = envelopeLines();
    const endIndex = lines.length - 2;
    const reason = reasonOf(decodeText(withLine(endIndex, '-----END OUTCOME PLANNER KEY-----')));
    expect(reason).toBe(
      `line ${endIndex + 1} should be the END line -----END OUTCOME PLANNER BUNDLE-----; ` +
        'the file was altered in transit; ask the office to send the file again',
    );
    expect(reasonOf(decodeText(withLine(endIndex, ENVELOPE.split('\n')[0] ?? '')))).toContain('starts a second envelope');
  });

  it('rejects unexpected header', () => {
    const reason = reasonOf(decodeText(withLine(2, 'Country: SEN')));
    expect(reason).toContain('unexpected header Country on line 3');
  });

  it('rejects extra header', () => {
    const text = ENVELOPE.replace('Revision: 3\n', 'Revision: 3\nComment: hello\n');
    expect(reasonOf(decodeText(text))).toContain('unexpected header Comment on line 5');
  });

  it('rejects header with wrong case', () => {
    expect(reasonOf(decodeText(withLine(3, 'revision: 3')))).toContain('unexpected header revision');
  });

  it('rejects duplicate header', () => {
    const text = ENVELOPE.replace('Revision: 3\n', 'Revision: 3\nRevision: 4\n');
    expect(reasonOf(decodeText(text))).toContain('duplicate header Revision on lines 4 and 5');
  });

  it('rejects missing header', () => {
    const text = ENVELOPE.replace('Revision: 3\n', '');
    expect(reasonOf(decodeText(text))).toBe('header Revision is missing; ask the office to send the file again');
  });

  it('rejects headers out of order', () => {
    const text = ENVELOPE.replace('Office: AFR-DAKAR\nRevision: 3\n', 'Revision: 3\nOffice: AFR-DAKAR\n');
    expect(reasonOf(decodeText(text))).toContain('header Office must come before header Revision (line 3)');
  });

  it('rejects malformed header lines', () => {
    expect(reasonOf(decodeText(withLine(3, 'Revision:')))).toContain('header Revision on line 4 has no value');
    expect(reasonOf(decodeText(withLine(3, 'Revision:3')))).toContain('line 4 is not a header of the form');
    expect(reasonOf(decodeText(withLine(3, 'Revision:  3')))).toContain('line 4 is not a header');
    expect(reasonOf(decodeText(withLine(3, 'Revision\t: 3')))).toContain('line 4 is not a header');
    expect(reasonOf(decodeText(withLine(3, ' Revision: 3')))).toContain('line 4 is not a header');
    expect(reasonOf(decodeText(withLine(3, 'Revision: 3\t4')))).toContain('line 4 is not a header');
  });

  it('rejects missing blank line', () => {
    const text = ENVELOPE.replace(/\n\n/, '\n');
    expect(reasonOf(decodeText(text))).toContain('the blank line between the headers and the payload is missing');
    const headersOnly = `${envelopeLines().slice(0, 6).join('\n')}\n-----END OUTCOME PLANNER BUNDLE-----\n`;
    expect(reasonOf(decodeText(headersOnly))).toContain('the blank line between the headers and the payload is missing');
  });

  it('rejects missing payload', () => {
    const text = `${envelopeLines().slice(0, 7).join('\n')}\n-----END OUTCOME PLANNER BUNDLE-----\n`;
    expect(reasonOf(decodeText(text))).toBe('the payload is missing; ask the office to send the file again');
  });

  it('rejects non-ASCII bytes', () => {
    const reason = reasonOf(decodeText(withLine(2, 'Office: DAKAR-É')));
    expect(reason).toContain('not plain ASCII text (0xC9 on line 3)');
    expect(reasonOf(decodeArmor(Buffer.from(withLine(2, 'Office: DAKAR-É'), 'utf8'), EXPECTED))).toContain('0xC3 on line 3');
    expect(reasonOf(decodeText(`${ENVELOPE}\u0000`))).toContain('0x00');
    expect(reasonOf(decodeText(`\u007f${ENVELOPE}`))).toContain('0x7F on line 1');
    expect(reasonOf(decodeText(`\ufeff${ENVELOPE}`))).toContain('not plain ASCII');
  });

  it('rejects second byte order mark', () => {
    const twice = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]), ENVELOPE_BYTES]);
    expect(reasonOf(decodeArmor(twice, EXPECTED))).toContain('0xEF on line 1');
  });

  it('rejects UTF-16 file', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ENVELOPE, 'utf16le')]);
    expect(reasonOf(decodeArmor(utf16, EXPECTED))).toContain('not plain ASCII text');
  });

  it('rejects carriage return inside line', () => {
    expect(reasonOf(decodeText(withLine(2, 'Office: AFR\rDAKAR')))).toBe(
      'line 3 contains a carriage return that does not end the line; ask the office to send the file again',
    );
    expect(reasonOf(decodeText(ENVELOPE.replaceAll('\n', '\r')))).toContain('carriage return');
  });

  it('rejects invalid base64 characters', () => {
    const lines = envelopeLines();
    const line = lines[9] ?? '';
    for (const bad of ['*', '-', '_', ' ', '\t', '.']) {
      const replaced = `${line.slice(0, 10)}${bad}${line.slice(11)}`;
      const reason = reasonOf(decodeText(withLine(9, replaced)));
      expect(reason).toMatch(/^payload is not valid base64 \(line 10\): the character /);
    }
    const reason = reasonOf(decodeText(withLine(9, `${line.slice(0, 10)}*${line.slice(11)}`)));
    expect(reason).toBe(
      'payload is not valid base64 (line 10): the character "*" is not allowed here; ' +
        'the file was altered in transit, ask the office to send the file again',
    );
  });

  it('rejects wrong line lengths', () => {
    const lines = envelopeLines();
    const line = lines[9] ?? '';
    expect(reasonOf(decodeText(withLine(9, line.slice(0, 60))))).toContain('(line 10): the line has 60 characters instead of 64');
    const split = [...lines.slice(0, 9), line.slice(0, 32), line.slice(32), ...lines.slice(10)].join('\n');
    expect(reasonOf(decodeText(split))).toContain('(line 10): the line has 32 characters instead of 64');
    const joined = [...lines.slice(0, 9), line + (lines[10] ?? ''), ...lines.slice(11)].join('\n');
    expect(reasonOf(decodeText(joined))).toContain('(line 10): the line has 128 characters instead of 64');
  });

  it('rejects overlong last line', () => {
    const message = bundleMessage(randomBytes(createRandom(5), 96));
    const lines = encodeArmor(message, BUNDLE_HEADERS).split('\n');
    const merged = [...lines.slice(0, 7), `${lines[7]}${lines[8]}`, ...lines.slice(9)].join('\n');
    expect(reasonOf(decodeText(merged))).toContain('(line 8): the line has 128 characters, more than 64');
  });

  it('rejects blank line inside payload', () => {
    const text = ENVELOPE.replace('\n-----END', '\n\n-----END');
    expect(reasonOf(decodeText(text))).toContain('the line is empty');
  });

  it('rejects bad padding', () => {
    const oneByte = encodeArmor(bundleMessage(Buffer.from([0x41])), BUNDLE_HEADERS);
    expect(oneByte).toContain('\nQQ==\n');
    expect(reasonOf(decodeText(oneByte.replace('\nQQ==\n', '\nQQ=\n')))).toContain('not a multiple of 4');
    expect(reasonOf(decodeText(oneByte.replace('\nQQ==\n', '\nQQ\n')))).toContain('not a multiple of 4');
    expect(reasonOf(decodeText(oneByte.replace('\nQQ==\n', '\nQQ===\n')))).toContain('is not allowed here');
    expect(reasonOf(decodeText(oneByte.replace('\nQQ==\n', '\nQ=Q=\n')))).toContain('is not allowed here');
    expect(reasonOf(decodeText(oneByte.replace('\nQQ==\n', '\n====\n')))).toContain('is not allowed here');
  });

  it('rejects padding before last line', () => {
    const lines = envelopeLines();
    const line = lines[8] ?? '';
    const padded = withLine(8, `${line.slice(0, 62)}==`);
    expect(reasonOf(decodeText(padded))).toContain('(line 9): padding "=" appears before the last line');
  });

  it('rejects non-canonical final bits', () => {
    const oneByte = encodeArmor(bundleMessage(Buffer.from([0x41])), BUNDLE_HEADERS);
    const reason = reasonOf(decodeText(oneByte.replace('\nQQ==\n', '\nQR==\n')));
    expect(reason).toContain('the last characters do not encode whole bytes');
    const twoBytes = encodeArmor(bundleMessage(Buffer.from([0x41, 0x42])), BUNDLE_HEADERS);
    expect(twoBytes).toContain('\nQUI=\n');
    expect(reasonOf(decodeText(twoBytes.replace('\nQUI=\n', '\nQUJ=\n')))).toContain('do not encode whole bytes');
  });

  it('rejects payload above limit', () => {
    const message = bundleMessage(randomBytes(createRandom(6), MAX_PAYLOAD_BYTES + 1));
    const reason = reasonOf(decodeText(encodeArmor(message, BUNDLE_HEADERS)));
    expect(reason).toBe(`payload is larger than the limit of ${MAX_PAYLOAD_BYTES} bytes; check that you chose the right file`);
  });

  it('throws for invalid expectation', () => {
    expect(() => decodeArmor(ENVELOPE_BYTES, { ...EXPECTED, label: 'bundle' })).toThrow(TypeError);
    expect(() => decodeArmor(ENVELOPE_BYTES, { ...EXPECTED, headers: ['Format', 'Format'] })).toThrow(TypeError);
    expect(() => decodeArmor(ENVELOPE_BYTES, { ...EXPECTED, maxPayloadBytes: 0 })).toThrow(TypeError);
    expect(() => decodeArmor(ENVELOPE_BYTES, { ...EXPECTED, maxPayloadBytes: 1.5 })).toThrow(TypeError);
  });
});

describe('decodeArmor truncation', () => {
  it('reports truncation at 50%', () => {
    const reason = reasonOf(decodeArmor(ENVELOPE_BYTES.subarray(0, Math.floor(ENVELOPE_BYTES.length / 2)), EXPECTED));
    expect(reason).toBe('the file is truncated: the END line is missing; ask the office to send the file again');
  });

  it('reports truncation at 99%', () => {
    const reason = reasonOf(decodeArmor(ENVELOPE_BYTES.subarray(0, Math.floor(ENVELOPE_BYTES.length * 0.99)), EXPECTED));
    expect(reason).toMatch(/^the file is truncated: /);
    expect(reason).toContain('ask the office to send the file again');
  });

  it('rejects every truncation length', () => {
    const fullLength = ENVELOPE_BYTES.length;
    for (let length = 0; length < fullLength - 1; length++) {
      const result = decodeArmor(ENVELOPE_BYTES.subarray(0, length), EXPECTED);
      if (result.ok) {
        throw new Error(`truncation to ${length} of ${fullLength} bytes was accepted`);
      }
      if (length > 0) {
        expect(result.reason, `truncation to ${length}`).toMatch(/^the file is truncated: /);
      }
    }
    // Only the final line end may go missing.
    expectSameMessage(decodeArmor(ENVELOPE_BYTES.subarray(0, fullLength - 1), EXPECTED));
  });

  it('rejects every CRLF truncation length', () => {
    const crlf = Buffer.from(ENVELOPE.replaceAll('\n', '\r\n'), 'latin1');
    for (let length = 1; length < crlf.length - 2; length++) {
      const result = decodeArmor(crlf.subarray(0, length), EXPECTED);
      expect(result.ok, `truncation to ${length}`).toBe(false);
    }
    expectSameMessage(decodeArmor(crlf.subarray(0, crlf.length - 1), EXPECTED));
  });
});

describe('decodeArmor single byte flips', () => {
  /**
   * Classifies each byte of ENVELOPE: 'value' for bytes of header values and payload lines,
   * whose flips may decode to a different message, and 'structure' for everything else.
   */
  function byteRoles(): ('value' | 'structure')[] {
    const roles: ('value' | 'structure')[] = [];
    const lines = envelopeLines();
    lines.forEach((line, index) => {
      const isPayload = index > 6 && index < lines.length - 2;
      const isHeader = index >= 1 && index <= 5;
      let valueStart = line.length;
      if (isHeader) {
        valueStart = line.indexOf(': ') + 2;
      } else if (isPayload) {
        valueStart = 0;
      }
      for (let column = 0; column < line.length; column++) {
        roles.push(column >= valueStart ? 'value' : 'structure');
      }
      if (index < lines.length - 1) {
        roles.push('structure');
      }
    });
    return roles;
  }

  function sameMessage(result: ArmorResult): boolean {
    return (
      result.ok &&
      result.message.label === MESSAGE.label &&
      JSON.stringify(result.message.headers) === JSON.stringify(MESSAGE.headers) &&
      result.message.payload.equals(MESSAGE.payload)
    );
  }

  it.each([
    ['0x01', 0x01],
    ['0x20', 0x20],
  ])('never accepts XOR %s flip unnoticed', (_name, mask) => {
    const roles = byteRoles();
    expect(roles).toHaveLength(ENVELOPE_BYTES.length);

    let rejected = 0;
    let changed = 0;
    for (let position = 0; position < ENVELOPE_BYTES.length; position++) {
      const flipped = Buffer.from(ENVELOPE_BYTES);
      flipped[position] = (flipped[position] ?? 0) ^ mask;
      const result = decodeArmor(flipped, EXPECTED);

      if (!result.ok) {
        rejected++;
        continue;
      }
      // The encoder writes no whitespace that the decoder ignores, and no flip by these masks
      // turns another byte into ignorable whitespace. So an accepted flip must change the
      // headers or payload that the signature check receives.
      expect(sameMessage(result), `flip at ${position} decoded to the original message`).toBe(false);
      expect(roles[position], `flip at ${position} of a structural byte was accepted`).toBe('value');
      changed++;
    }
    expect(rejected + changed).toBe(ENVELOPE_BYTES.length);
    expect(rejected).toBeGreaterThan(0);
    expect(changed).toBeGreaterThan(0);
  });

  it('keeps message when tolerated whitespace flips', () => {
    // Flipping bit 0x04 turns a trailing tab (0x09) into CR (0x0D), both tolerated at a line end.
    const padded = Buffer.from(ENVELOPE.replaceAll('\n', '\t\n'), 'latin1');
    let checked = 0;
    for (let position = 0; position < padded.length; position++) {
      if (padded[position] !== 0x09) {
        continue;
      }
      const flipped = Buffer.from(padded);
      flipped[position] = 0x0d;
      expectSameMessage(decodeArmor(flipped, EXPECTED));
      checked++;
    }
    expect(checked).toBe(ENVELOPE.split('\n').length - 1);
  });
});

describe('decodeArmor hostile input', () => {
  it('never throws on random bytes', () => {
    const random = createRandom(99);
    for (let round = 0; round < 2000; round++) {
      const bytes = randomBytes(random, Math.floor(random() * 600));
      const result = decodeArmor(bytes, EXPECTED);
      expect(result.ok).toBe(false);
    }
  });

  it('never throws on mutated envelopes', () => {
    const random = createRandom(123);
    const alphabet = Buffer.from('-: \t\r\n=+/AQgw09zZ\u00ef\u00bb\u00bf\u0000', 'latin1');
    for (let round = 0; round < 2000; round++) {
      const bytes = Buffer.from(ENVELOPE_BYTES);
      const edits = 1 + Math.floor(random() * 4);
      let mutated = bytes;
      for (let edit = 0; edit < edits; edit++) {
        const at = Math.floor(random() * (mutated.length + 1));
        const insert = Buffer.from([alphabet[Math.floor(random() * alphabet.length)] ?? 0]);
        const keep = random() < 0.5 ? 0 : 1;
        mutated = Buffer.concat([mutated.subarray(0, at), insert, mutated.subarray(at + keep)]);
      }
      expect(() => decodeArmor(mutated, EXPECTED)).not.toThrow();
    }
  });

  it('handles long whitespace runs quickly', () => {
    const spaces = Buffer.concat([Buffer.alloc(maxArmorBytes(MAX_PAYLOAD_BYTES) - 1, 0x20), Buffer.from('x')]);
    const started = performance.now();
    expect(reasonOf(decodeArmor(spaces, EXPECTED))).toContain('the first line is not');
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('decodeArmor size bound', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('derives bound from payload limit', () => {
    const bound = maxArmorBytes(MAX_PAYLOAD_BYTES);
    const largestEnvelope = encodeArmor(bundleMessage(Buffer.alloc(MAX_PAYLOAD_BYTES)), BUNDLE_HEADERS);
    const paddedEnvelope = `\ufeff\n\n${largestEnvelope.replaceAll('\n', ' \t\r\n')}\n\n`;
    expect(Buffer.byteLength(paddedEnvelope, 'utf8')).toBeLessThanOrEqual(bound);
    expectSameMessage(decodeArmor(Buffer.from(paddedEnvelope, 'utf8'), EXPECTED), bundleMessage(Buffer.alloc(MAX_PAYLOAD_BYTES)));
    expect(bound).toBeLessThan(2 * MAX_PAYLOAD_BYTES + 64 * 1024 + 1);
  });

  it('rejects oversized input before reading it', () => {
    const bound = maxArmorBytes(MAX_PAYLOAD_BYTES);
    const oversized = Buffer.alloc(bound + 1, 0xff);
    const toString = vi.spyOn(oversized, 'toString');
    const from = vi.spyOn(Buffer, 'from');

    const reason = reasonOf(decodeArmor(oversized, EXPECTED));

    expect(reason).toBe(
      `the file is too large: it has ${bound + 1} bytes, but an Outcome Planner bundle has at most ${bound}; ` +
        'check that you chose the right file',
    );
    expect(toString).not.toHaveBeenCalled();
    expect(from).not.toHaveBeenCalled();
  });

  it('rejects large payload before decoding', () => {
    const message = bundleMessage(randomBytes(createRandom(8), MAX_PAYLOAD_BYTES + 3));
    const text = encodeArmor(message, BUNDLE_HEADERS);
    const bytes = Buffer.from(text, 'latin1');
    expect(bytes.length).toBeLessThanOrEqual(maxArmorBytes(MAX_PAYLOAD_BYTES));
    const from = vi.spyOn(Buffer, 'from');

    expect(reasonOf(decodeArmor(bytes, EXPECTED))).toContain('payload is larger than the limit');
    expect(from).not.toHaveBeenCalled();
  });

  it('handles 16 MiB payload', () => {
    const maxPayloadBytes = 16 * 1024 * 1024;
    const message = bundleMessage(randomBytes(createRandom(9), maxPayloadBytes));
    const text = encodeArmor(message, BUNDLE_HEADERS);
    const result = decodeArmor(Buffer.from(text, 'latin1'), { ...EXPECTED, maxPayloadBytes });
    expectSameMessage(result, message);
  });
});
