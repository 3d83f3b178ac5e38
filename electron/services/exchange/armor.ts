/**
 * The ASCII envelope that carries a signed bundle or a key registration file between offices
 * and headquarters by e-mail or USB stick:
 *
 *     -----BEGIN OUTCOME PLANNER BUNDLE-----
 *     Format: 1
 *     Office: AFR-DAKAR
 *
 *     <payload in standard base64, 64 characters per line>
 *     -----END OUTCOME PLANNER BUNDLE-----
 *
 * The decoder tolerates exactly the changes that mail clients, editors and file copies make.
 * These are a UTF-8 byte order mark at the start, CRLF or LF line ends, trailing spaces and
 * tabs, a missing final line end, and whitespace before BEGIN and after END. Everything else
 * is rejected. Base64 decoding is strict, so a changed payload character always changes the
 * decoded bytes and the signature check that follows cannot miss it.
 *
 * The envelope has no checksum of its own. A flipped character inside a header value or the
 * payload still decodes, to different headers or bytes, so the caller must verify a
 * signature that covers both before trusting either.
 */
import { Buffer } from 'node:buffer';

export interface ArmorMessage {
  /** Uppercase words such as `OUTCOME PLANNER BUNDLE`, repeated in the BEGIN and END lines. */
  label: string;
  /** Header values by header name. Values are printable ASCII without leading or trailing spaces. */
  headers: Record<string, string>;
  payload: Buffer;
}

export type ArmorResult = { ok: true; message: ArmorMessage } | { ok: false; reason: string };

export interface ArmorExpectation {
  label: string;
  /** Every header that must be present, in the order it must appear. */
  headers: string[];
  /** Maximum decoded payload size in bytes. */
  maxPayloadBytes: number;
}

/** Number of base64 characters on every payload line except the last. */
export const PAYLOAD_LINE_LENGTH = 64;

/**
 * Allowance in bytes for the BEGIN and END lines, the headers and the whitespace around the
 * envelope. In a bundle, the BEGIN, END and five header lines take about 300 bytes.
 */
const HEADER_ROOM_BYTES = 64 * 1024;

/** Allowance per payload line for a CRLF line end and a few trailing spaces or tabs. */
const LINE_END_ROOM_BYTES = 8;

const BYTE_ORDER_MARK = Buffer.from([0xef, 0xbb, 0xbf]);
const LABEL_PATTERN = /^[A-Z0-9]+(?: [A-Z0-9]+)*$/;
const HEADER_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9-]*$/;
const HEADER_VALUE_PATTERN = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;
const HEADER_LINE_PATTERN = /^([A-Za-z][A-Za-z0-9-]*): ([\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?)$/;
const HEADER_WITHOUT_VALUE_PATTERN = /^([A-Za-z][A-Za-z0-9-]*):$/;
const BASE64_LINE_PATTERN = /^[A-Za-z0-9+/]*={0,2}$/;

const RESEND_ADVICE = 'ask the office to send the file again';
const WRONG_FILE_ADVICE = 'check that you chose the right file';

/**
 * Returns the largest envelope in bytes that `decodeArmor` reads for the given payload limit.
 * Callers can compare a file's size with it before reading the file.
 */
export function maxArmorBytes(maxPayloadBytes: number): number {
  const base64Length = 4 * Math.ceil(maxPayloadBytes / 3);
  const lineCount = Math.ceil(base64Length / PAYLOAD_LINE_LENGTH);
  return HEADER_ROOM_BYTES + base64Length + lineCount * LINE_END_ROOM_BYTES;
}

/**
 * Encodes `message` as an envelope with LF line ends and a final LF. `headerOrder` lists the
 * header names in output order and must name each key of `message.headers` exactly once.
 *
 * Throws TypeError for a label, header name or header value that `decodeArmor` would not
 * read back unchanged, and for an empty payload.
 */
export function encodeArmor(message: ArmorMessage, headerOrder: string[]): string {
  checkLabel(message.label);
  checkHeaderNames(headerOrder);
  const givenNames = Object.keys(message.headers);
  const extra = givenNames.filter((name) => !headerOrder.includes(name));
  if (extra.length > 0 || givenNames.length !== headerOrder.length) {
    throw new TypeError(
      `encodeArmor: headers [${givenNames.join(', ')}] do not match headerOrder [${headerOrder.join(', ')}]`,
    );
  }
  if (message.payload.length === 0) {
    throw new TypeError('encodeArmor: the payload is empty');
  }

  const lines = [`-----BEGIN ${message.label}-----`];
  for (const name of headerOrder) {
    const value = message.headers[name];
    if (value === undefined || !HEADER_VALUE_PATTERN.test(value)) {
      throw new TypeError(
        `encodeArmor: header ${name} has value ${JSON.stringify(value)}; ` +
          'values must be printable ASCII without leading or trailing spaces',
      );
    }
    lines.push(`${name}: ${value}`);
  }
  lines.push('');

  const base64 = message.payload.toString('base64');
  for (let start = 0; start < base64.length; start += PAYLOAD_LINE_LENGTH) {
    lines.push(base64.slice(start, start + PAYLOAD_LINE_LENGTH));
  }
  lines.push(`-----END ${message.label}-----`);
  return `${lines.join('\n')}\n`;
}

/**
 * Decodes an envelope read from a file or an e-mail attachment. Never throws for any content
 * of `bytes`. The reason of a rejection is a sentence for a headquarters user that says what
 * is wrong and what to do.
 *
 * Throws TypeError only when `expected` itself is invalid.
 */
export function decodeArmor(bytes: Buffer, expected: ArmorExpectation): ArmorResult {
  checkLabel(expected.label);
  checkHeaderNames(expected.headers);
  if (!Number.isSafeInteger(expected.maxPayloadBytes) || expected.maxPayloadBytes < 1) {
    throw new TypeError(`decodeArmor: maxPayloadBytes must be a whole number ≥ 1, got ${expected.maxPayloadBytes}`);
  }
  const noun = describeLabel(expected.label);

  const maxBytes = maxArmorBytes(expected.maxPayloadBytes);
  if (bytes.length > maxBytes) {
    return reject(
      `the file is too large: it has ${bytes.length} bytes, but ${withArticle(noun)} has at most ${maxBytes}; ${WRONG_FILE_ADVICE}`,
    );
  }

  const start = bytes.subarray(0, BYTE_ORDER_MARK.length).equals(BYTE_ORDER_MARK) ? BYTE_ORDER_MARK.length : 0;
  const badByte = findNonTextByte(bytes, start);
  if (badByte !== -1) {
    const line = countLineBreaks(bytes, start, badByte) + 1;
    const hexByte = (bytes[badByte] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    return reject(
      `the file contains a byte that is not plain ASCII text (0x${hexByte} on line ${line}), ` +
        `so it is not ${withArticle(noun)} or it was altered in transit; ${RESEND_ADVICE}`,
    );
  }

  const rawLines = bytes.toString('latin1', start).split('\n');
  const lines = rawLines.map(trimLineEnd);
  const strayReturn = lines.findIndex((line) => line.includes('\r'));
  if (strayReturn !== -1) {
    return reject(`line ${strayReturn + 1} contains a carriage return that does not end the line; ${RESEND_ADVICE}`);
  }
  return decodeLines(lines, expected, noun);
}

/** Decodes the envelope from lines without line ends or trailing whitespace. */
function decodeLines(lines: string[], expected: ArmorExpectation, noun: string): ArmorResult {
  const beginLine = `-----BEGIN ${expected.label}-----`;
  const endLine = `-----END ${expected.label}-----`;

  const beginIndex = lines.findIndex((line) => line.trim() !== '');
  if (beginIndex === -1) {
    return reject(`the file is empty; ${RESEND_ADVICE}`);
  }
  const first = (lines[beginIndex] ?? '').trimStart();
  if (first !== beginLine) {
    return reject(describeWrongBegin(first, beginLine, beginIndex === lines.length - 1, noun));
  }

  // Payload and header lines never start with "-", so the first such line must be the END line.
  const endIndex = lines.findIndex((line, index) => index > beginIndex && line.startsWith('-'));
  if (endIndex === -1) {
    return reject(`the file is truncated: the END line is missing; ${RESEND_ADVICE}`);
  }
  const last = lines[endIndex] ?? '';
  if (last !== endLine) {
    return reject(describeWrongEnd(last, endLine, endIndex, endIndex === lines.length - 1, noun));
  }
  const textAfterEnd = lines.findIndex((line, index) => index > endIndex && line.trim() !== '');
  if (textAfterEnd !== -1) {
    return reject(
      `unexpected text after the END line (line ${textAfterEnd + 1}); ` +
        `the file must contain one ${noun} and nothing else; ${RESEND_ADVICE}`,
    );
  }

  const blankIndex = lines.findIndex((line, index) => index > beginIndex && index < endIndex && line === '');
  if (blankIndex === -1) {
    return reject(`the blank line between the headers and the payload is missing; ${RESEND_ADVICE}`);
  }
  const headers = decodeHeaders(lines, beginIndex + 1, blankIndex, expected.headers);
  if (typeof headers === 'string') {
    return reject(headers);
  }
  const payload = decodePayload(lines, blankIndex + 1, endIndex, expected.maxPayloadBytes);
  if (typeof payload === 'string') {
    return reject(payload);
  }
  return { ok: true, message: { label: expected.label, headers, payload } };
}

/**
 * Parses the header lines `lines[from..to)` and checks them against `names`.
 * Returns the headers, or the rejection reason as a string.
 */
function decodeHeaders(lines: string[], from: number, to: number, names: string[]): Record<string, string> | string {
  const headers: Record<string, string> = {};
  const lineOf = new Map<string, number>();
  for (let index = from; index < to; index++) {
    const line = lines[index] ?? '';
    const lineNumber = index + 1;
    const match = HEADER_LINE_PATTERN.exec(line);
    if (match === null) {
      const withoutValue = HEADER_WITHOUT_VALUE_PATTERN.exec(line);
      if (withoutValue !== null) {
        return `header ${shorten(withoutValue[1] ?? '')} on line ${lineNumber} has no value; ${RESEND_ADVICE}`;
      }
      return `line ${lineNumber} is not a header of the form "Name: value"; ${RESEND_ADVICE}`;
    }
    const name = match[1] ?? '';
    if (!names.includes(name)) {
      return (
        `unexpected header ${shorten(name)} on line ${lineNumber}; the file was altered ` +
        `or was made by a different version of Outcome Planner; ${RESEND_ADVICE}`
      );
    }
    if (lineOf.has(name)) {
      return `duplicate header ${name} on lines ${lineOf.get(name)} and ${lineNumber}; ${RESEND_ADVICE}`;
    }
    lineOf.set(name, lineNumber);
    headers[name] = match[2] ?? '';
  }

  for (const name of names) {
    if (!lineOf.has(name)) {
      return `header ${name} is missing; ${RESEND_ADVICE}`;
    }
  }
  for (let position = 1; position < names.length; position++) {
    const before = names[position - 1] ?? '';
    const after = names[position] ?? '';
    if ((lineOf.get(before) ?? 0) > (lineOf.get(after) ?? 0)) {
      return `header ${before} must come before header ${after} (line ${lineOf.get(after)}); ${RESEND_ADVICE}`;
    }
  }
  return headers;
}

/**
 * Decodes the payload lines `lines[from..to)` as strict base64: the standard alphabet,
 * padding only at the end, full lines of PAYLOAD_LINE_LENGTH characters except the last,
 * and zero bits after the last encoded byte. Returns the bytes, or the rejection reason.
 */
function decodePayload(lines: string[], from: number, to: number, maxPayloadBytes: number): Buffer | string {
  if (from >= to) {
    return `the payload is missing; ${RESEND_ADVICE}`;
  }
  const invalid = (lineIndex: number, problem: string): string =>
    `payload is not valid base64 (line ${lineIndex + 1}): ${problem}; the file was altered in transit, ${RESEND_ADVICE}`;

  // Blank lines are reported first, because a blank line before END would otherwise be
  // blamed on the padding of the line above it.
  const blankIndex = lines.findIndex((line, index) => index >= from && index < to && line === '');
  if (blankIndex !== -1) {
    return invalid(blankIndex, 'the line is empty');
  }

  const lastIndex = to - 1;
  for (let index = from; index < to; index++) {
    const line = lines[index] ?? '';
    if (!BASE64_LINE_PATTERN.test(line)) {
      const character = line.split('').find((char) => !/[A-Za-z0-9+/=]/.test(char)) ?? '=';
      return invalid(index, `the character ${JSON.stringify(character)} is not allowed here`);
    }
    if (index !== lastIndex && line.includes('=')) {
      return invalid(index, 'padding "=" appears before the last line');
    }
    if (index !== lastIndex && line.length !== PAYLOAD_LINE_LENGTH) {
      return invalid(index, `the line has ${line.length} characters instead of ${PAYLOAD_LINE_LENGTH}`);
    }
    if (line.length > PAYLOAD_LINE_LENGTH) {
      return invalid(index, `the line has ${line.length} characters, more than ${PAYLOAD_LINE_LENGTH}`);
    }
  }

  const text = lines.slice(from, to).join('');
  if (text.length % 4 !== 0) {
    return invalid(lastIndex, 'the length is not a multiple of 4, so characters are missing');
  }
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const size = (text.length / 4) * 3 - padding;
  if (size > maxPayloadBytes) {
    return `payload is larger than the limit of ${maxPayloadBytes} bytes; ${WRONG_FILE_ADVICE}`;
  }

  const payload = Buffer.from(text, 'base64');
  // Node ignores set bits after the last byte, so "QR==" would decode like "QQ==" without this.
  if (payload.length !== size || payload.toString('base64') !== text) {
    return invalid(lastIndex, 'the last characters do not encode whole bytes');
  }
  return payload;
}

function describeWrongBegin(first: string, beginLine: string, isLastLine: boolean, noun: string): string {
  if (isLastLine && beginLine.startsWith(first)) {
    return `the file is truncated: it ends inside the BEGIN line; ${RESEND_ADVICE}`;
  }
  const otherLabel = /^-----BEGIN ([A-Z0-9 ]+)-----$/.exec(first);
  if (otherLabel !== null) {
    return (
      `this file is ${withArticle(describeLabel(otherLabel[1] ?? ''))}, not ${withArticle(noun)}: ` +
      `its first line is ${first} instead of ${beginLine}; ${WRONG_FILE_ADVICE}`
    );
  }
  return `not ${withArticle(noun)}: the first line is not ${beginLine}; ${WRONG_FILE_ADVICE}`;
}

function describeWrongEnd(line: string, endLine: string, index: number, isLastLine: boolean, noun: string): string {
  if (isLastLine && endLine.startsWith(line)) {
    return `the file is truncated: it ends inside the END line; ${RESEND_ADVICE}`;
  }
  if (line.startsWith('-----BEGIN ')) {
    return `line ${index + 1} starts a second envelope before the END line; the file must contain one ${noun}; ${RESEND_ADVICE}`;
  }
  return `line ${index + 1} should be the END line ${endLine}; the file was altered in transit; ${RESEND_ADVICE}`;
}

/**
 * Removes trailing spaces, tabs and CRs. A loop, because the regex /[ \t\r]+$/ takes
 * quadratic time on a long run of spaces that does not end the line.
 */
function trimLineEnd(line: string): string {
  let end = line.length;
  while (end > 0) {
    const code = line.charCodeAt(end - 1);
    if (code !== 0x20 && code !== 0x09 && code !== 0x0d) {
      break;
    }
    end--;
  }
  return end === line.length ? line : line.slice(0, end);
}

/** Returns the offset of the first byte other than tab, LF, CR or printable ASCII, or -1. */
function findNonTextByte(bytes: Buffer, start: number): number {
  for (let index = start; index < bytes.length; index++) {
    const byte = bytes[index] ?? 0;
    if (byte > 0x7e || (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d)) {
      return index;
    }
  }
  return -1;
}

function countLineBreaks(bytes: Buffer, start: number, end: number): number {
  let count = 0;
  for (let index = start; index < end; index++) {
    if (bytes[index] === 0x0a) {
      count++;
    }
  }
  return count;
}

/** Turns `OUTCOME PLANNER BUNDLE` into `Outcome Planner bundle` for messages. */
function describeLabel(label: string): string {
  const product = 'OUTCOME PLANNER ';
  if (label.startsWith(product)) {
    return `Outcome Planner ${label.slice(product.length).toLowerCase()}`;
  }
  return `${label.toLowerCase()} file`;
}

function withArticle(noun: string): string {
  return /^[aeiou]/i.test(noun) ? `an ${noun}` : `a ${noun}`;
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function reject(reason: string): ArmorResult {
  return { ok: false, reason };
}

function checkLabel(label: string): void {
  if (!LABEL_PATTERN.test(label)) {
    throw new TypeError(`armor label ${JSON.stringify(label)} must be uppercase words separated by single spaces`);
  }
}

function checkHeaderNames(names: string[]): void {
  for (const name of names) {
    if (!HEADER_NAME_PATTERN.test(name)) {
      throw new TypeError(`armor header name ${JSON.stringify(name)} must be a letter followed by letters, digits or "-"`);
    }
  }
  if (new Set(names).size !== names.length) {
    throw new TypeError(`armor header names [${names.join(', ')}] contain a duplicate`);
  }
}
