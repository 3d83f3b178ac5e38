/**
 * A strict JSON (RFC 8259) parser for payloads from outside the application, such as the
 * bundles that field offices send to headquarters.
 *
 * It accepts a subset of what JSON.parse accepts, and every document it accepts gives the
 * same value as JSON.parse, except that objects have a null prototype. It rejects:
 * - duplicate keys, because JSON.parse silently keeps the last one and two readers could
 *   then disagree about what a signed document contains;
 * - the keys `__proto__`, `constructor` and `prototype`, so that no later merge or spread
 *   of the result can reach an object prototype;
 * - numbers other than integers within ±Number.MAX_SAFE_INTEGER, because the payloads carry
 *   whole numbers only and every other literal would be rounded or lose digits;
 * - `-0` and leading zeros such as `01`;
 * - lone UTF-16 surrogates, whether written as a \u escape or as a raw character, because
 *   they cannot be encoded as UTF-8;
 * - a byte order mark, which RFC 8259 forbids writers to add.
 *
 * The parser is iterative, so nesting depth is bounded by `maxDepth` and never by the call
 * stack. It uses no Node or browser APIs.
 */

/**
 * Rejection of a JSON text. `offset` is the index into the parsed string, counted in UTF-16
 * code units like `String.prototype.charCodeAt`, of the place where the problem was found.
 */
export class JsonInputError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'JsonInputError';
  }
}

export interface StrictJsonLimits {
  /** Maximum number of nested arrays and objects. A bare scalar has depth 0. Default 64. */
  maxDepth?: number;
  /** Maximum input length in UTF-16 code units. Default 16 MiB (16,777,216). */
  maxLength?: number;
}

export const DEFAULT_MAX_DEPTH = 64;
export const DEFAULT_MAX_LENGTH = 16 * 1024 * 1024;

const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Number.MAX_SAFE_INTEGER written out, compared digit by digit with equally long literals. */
const MAX_SAFE_DIGITS = String(Number.MAX_SAFE_INTEGER);

/** Maximum length in characters of an input excerpt quoted in an error message. */
const MAX_QUOTED_LENGTH = 40;

const CHAR_TAB = 0x09;
const CHAR_LF = 0x0a;
const CHAR_CR = 0x0d;
const CHAR_SPACE = 0x20;
const CHAR_QUOTE = 0x22;
const CHAR_COMMA = 0x2c;
const CHAR_MINUS = 0x2d;
const CHAR_DOT = 0x2e;
const CHAR_SLASH = 0x2f;
const CHAR_ZERO = 0x30;
const CHAR_NINE = 0x39;
const CHAR_COLON = 0x3a;
const CHAR_UPPER_E = 0x45;
const CHAR_OPEN_BRACKET = 0x5b;
const CHAR_BACKSLASH = 0x5c;
const CHAR_CLOSE_BRACKET = 0x5d;
const CHAR_LOWER_E = 0x65;
const CHAR_OPEN_BRACE = 0x7b;
const CHAR_CLOSE_BRACE = 0x7d;
const CHAR_BOM = 0xfeff;

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

type JsonObject = Record<string, unknown>;

type Frame =
  | { kind: 'array'; container: unknown[] }
  | { kind: 'object'; container: JsonObject; key: string };

function isDigit(code: number): boolean {
  return code >= CHAR_ZERO && code <= CHAR_NINE;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function formatCodePoint(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

function quote(value: string): string {
  const excerpt = value.length > MAX_QUOTED_LENGTH ? `${value.slice(0, MAX_QUOTED_LENGTH)}…` : value;
  return JSON.stringify(excerpt);
}

function checkLimit(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`parseStrictJson: ${name} must be a whole number ≥ 0, got ${value}`);
  }
  return value;
}

/**
 * Parses `text` as strict JSON and returns the value. Objects in the result have a null
 * prototype, arrays are plain arrays.
 *
 * Throws JsonInputError for every text that is not accepted, including one longer than
 * `limits.maxLength`. Throws RangeError only when `limits` itself is invalid.
 */
export function parseStrictJson(text: string, limits: StrictJsonLimits = {}): unknown {
  const maxDepth = checkLimit('maxDepth', limits.maxDepth ?? DEFAULT_MAX_DEPTH);
  const maxLength = checkLimit('maxLength', limits.maxLength ?? DEFAULT_MAX_LENGTH);
  if (text.length > maxLength) {
    throw new JsonInputError(
      `invalid JSON: the input is ${text.length} characters long, more than the limit of ${maxLength}`,
      maxLength,
    );
  }
  return new StrictJsonParser(text, maxDepth).parseDocument();
}

class StrictJsonParser {
  private position = 0;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {}

  parseDocument(): unknown {
    if (this.text.charCodeAt(0) === CHAR_BOM) {
      this.fail(0, 'byte order mark (U+FEFF) at the start of the input; strip it before parsing');
    }
    const value = this.parseNestedValue();
    this.skipWhitespace();
    if (this.position < this.text.length) {
      this.fail(this.position, `unexpected ${this.describeAt(this.position)} after the end of the JSON value`);
    }
    return value;
  }

  /**
   * Parses one value with an explicit stack of open arrays and objects in place of
   * recursion. Each pass of the outer loop reads the start of one value. The inner loop
   * then attaches the finished value to its parent and closes every container that ends there.
   */
  private parseNestedValue(): unknown {
    const stack: Frame[] = [];
    for (;;) {
      this.skipWhitespace();
      const start = this.position;
      const code = this.text.charCodeAt(start);
      let value: unknown;

      if (code === CHAR_OPEN_BRACE || code === CHAR_OPEN_BRACKET) {
        if (stack.length >= this.maxDepth) {
          this.fail(start, `arrays and objects are nested deeper than the limit of ${this.maxDepth}`);
        }
        this.position++;
        this.skipWhitespace();
        if (code === CHAR_OPEN_BRACE) {
          const container: JsonObject = Object.create(null) as JsonObject;
          if (this.text.charCodeAt(this.position) === CHAR_CLOSE_BRACE) {
            this.position++;
            value = container;
          } else {
            stack.push({ kind: 'object', container, key: this.parseKey(container) });
            continue;
          }
        } else {
          const container: unknown[] = [];
          if (this.text.charCodeAt(this.position) === CHAR_CLOSE_BRACKET) {
            this.position++;
            value = container;
          } else {
            stack.push({ kind: 'array', container });
            continue;
          }
        }
      } else {
        value = this.parseScalar();
      }

      for (;;) {
        const frame = stack.at(-1);
        if (frame === undefined) {
          return value;
        }
        if (frame.kind === 'array') {
          frame.container.push(value);
        } else {
          frame.container[frame.key] = value;
        }

        this.skipWhitespace();
        const separatorOffset = this.position;
        const separator = this.text.charCodeAt(separatorOffset);
        const closer = frame.kind === 'array' ? CHAR_CLOSE_BRACKET : CHAR_CLOSE_BRACE;
        if (separator === closer) {
          this.position++;
          stack.pop();
          value = frame.container;
          continue;
        }
        if (separator !== CHAR_COMMA) {
          const expected = frame.kind === 'array' ? '"," or "]"' : '"," or "}"';
          this.fail(separatorOffset, `expected ${expected} but found ${this.describeAt(separatorOffset)}`);
        }

        this.position++;
        this.skipWhitespace();
        if (this.text.charCodeAt(this.position) === closer) {
          this.fail(separatorOffset, `trailing comma before "${String.fromCharCode(closer)}"`);
        }
        if (frame.kind === 'object') {
          frame.key = this.parseKey(frame.container);
        }
        break;
      }
    }
  }

  /** Reads `"key"` and the colon after it, and checks the key against `container`. */
  private parseKey(container: JsonObject): string {
    const keyOffset = this.position;
    if (this.text.charCodeAt(keyOffset) !== CHAR_QUOTE) {
      this.fail(keyOffset, `expected a key in double quotes but found ${this.describeAt(keyOffset)}`);
    }
    const key = this.parseString();
    if (FORBIDDEN_KEYS.has(key)) {
      this.fail(keyOffset, `the key ${quote(key)} is not allowed`);
    }
    if (Object.hasOwn(container, key)) {
      this.fail(keyOffset, `duplicate key ${quote(key)}`);
    }

    this.skipWhitespace();
    if (this.text.charCodeAt(this.position) !== CHAR_COLON) {
      this.fail(this.position, `expected ":" after the key ${quote(key)} but found ${this.describeAt(this.position)}`);
    }
    this.position++;
    return key;
  }

  private parseScalar(): unknown {
    const start = this.position;
    const code = this.text.charCodeAt(start);
    if (code === CHAR_QUOTE) {
      return this.parseString();
    }
    if (code === CHAR_MINUS || isDigit(code)) {
      return this.parseInteger();
    }
    if (this.text.startsWith('true', start)) {
      this.position += 4;
      return true;
    }
    if (this.text.startsWith('false', start)) {
      this.position += 5;
      return false;
    }
    if (this.text.startsWith('null', start)) {
      this.position += 4;
      return null;
    }
    if (code === CHAR_SLASH) {
      this.fail(start, 'comments are not allowed in JSON');
    }
    this.fail(start, `expected a value but found ${this.describeAt(start)}`);
  }

  /** Reads a string literal starting at its opening quote, copying unescaped runs in one slice. */
  private parseString(): string {
    const text = this.text;
    const openingQuote = this.position;
    let position = openingQuote + 1;
    let runStart = position;
    let result = '';

    for (;;) {
      if (position >= text.length) {
        this.fail(openingQuote, 'unterminated string: the closing double quote is missing');
      }
      const code = text.charCodeAt(position);

      if (code === CHAR_QUOTE) {
        result += text.slice(runStart, position);
        this.position = position + 1;
        return result;
      }

      if (code === CHAR_BACKSLASH) {
        result += text.slice(runStart, position);
        this.position = position;
        result += this.parseEscape();
        position = this.position;
        runStart = position;
        continue;
      }

      if (code < CHAR_SPACE) {
        this.fail(position, `control character ${formatCodePoint(code)} inside a string; write it as an escape`);
      }
      if (isHighSurrogate(code)) {
        if (!isLowSurrogate(text.charCodeAt(position + 1))) {
          this.fail(position, `lone surrogate ${formatCodePoint(code)} inside a string`);
        }
        position += 2;
        continue;
      }
      if (isLowSurrogate(code)) {
        this.fail(position, `lone surrogate ${formatCodePoint(code)} inside a string`);
      }
      position++;
    }
  }

  /** Reads one escape sequence starting at its backslash and returns the text it stands for. */
  private parseEscape(): string {
    const start = this.position;
    const letter = this.text.charAt(start + 1);
    const simple = SIMPLE_ESCAPES[letter];
    if (simple !== undefined) {
      this.position = start + 2;
      return simple;
    }
    if (letter !== 'u') {
      this.fail(start, `invalid escape ${quote(this.text.slice(start, start + 2))}`);
    }

    const code = this.readHexCodeUnit(start);
    if (isLowSurrogate(code)) {
      this.fail(start, `lone surrogate \\u${this.text.slice(start + 2, start + 6)} in an escape`);
    }
    if (!isHighSurrogate(code)) {
      this.position = start + 6;
      return String.fromCharCode(code);
    }

    // A high surrogate is only valid when the next escape is its low half.
    const next = start + 6;
    if (this.text.charCodeAt(next) !== CHAR_BACKSLASH || this.text.charAt(next + 1) !== 'u') {
      this.fail(start, `lone surrogate \\u${this.text.slice(start + 2, start + 6)} in an escape`);
    }
    const low = this.readHexCodeUnit(next);
    if (!isLowSurrogate(low)) {
      this.fail(start, `lone surrogate \\u${this.text.slice(start + 2, start + 6)} in an escape`);
    }
    this.position = next + 6;
    return String.fromCharCode(code, low);
  }

  /** Reads the four hex digits of the `\uXXXX` escape that starts at `escapeStart`. */
  private readHexCodeUnit(escapeStart: number): number {
    const digits = this.text.slice(escapeStart + 2, escapeStart + 6);
    if (!/^[0-9A-Fa-f]{4}$/.test(digits)) {
      this.fail(escapeStart, `invalid escape ${quote(this.text.slice(escapeStart, escapeStart + 6))}: \\u needs four hex digits`);
    }
    return Number.parseInt(digits, 16);
  }

  private parseInteger(): number {
    const text = this.text;
    const start = this.position;
    let position = start;
    const negative = text.charCodeAt(position) === CHAR_MINUS;
    if (negative) {
      position++;
    }

    const digitsStart = position;
    if (!isDigit(text.charCodeAt(position))) {
      this.fail(position, `expected a digit after "-" but found ${this.describeAt(position)}`);
    }
    if (text.charCodeAt(position) === CHAR_ZERO) {
      position++;
      if (isDigit(text.charCodeAt(position))) {
        this.fail(start, 'numbers must not have leading zeros');
      }
    } else {
      while (isDigit(text.charCodeAt(position))) {
        position++;
      }
    }

    const next = text.charCodeAt(position);
    if (next === CHAR_DOT || next === CHAR_LOWER_E || next === CHAR_UPPER_E) {
      let end = position + 1;
      while (/[0-9.eE+-]/.test(text.charAt(end))) {
        end++;
      }
      this.fail(
        start,
        `the number ${quote(text.slice(start, end))} has a fraction or exponent, but only whole numbers are accepted`,
      );
    }

    const digits = text.slice(digitsStart, position);
    if (negative && digits === '0') {
      this.fail(start, '-0 is not accepted, write 0 instead');
    }
    // Compared as text because literals above 2^53 already lose digits when converted.
    if (digits.length > MAX_SAFE_DIGITS.length || (digits.length === MAX_SAFE_DIGITS.length && digits > MAX_SAFE_DIGITS)) {
      this.fail(
        start,
        `the integer ${quote(text.slice(start, position))} is outside ±${MAX_SAFE_DIGITS} and cannot be represented exactly`,
      );
    }

    this.position = position;
    return Number(text.slice(start, position));
  }

  private skipWhitespace(): void {
    const text = this.text;
    let position = this.position;
    for (;;) {
      const code = text.charCodeAt(position);
      if (code !== CHAR_SPACE && code !== CHAR_LF && code !== CHAR_CR && code !== CHAR_TAB) {
        break;
      }
      position++;
    }
    this.position = position;
  }

  private describeAt(offset: number): string {
    if (offset >= this.text.length) {
      return 'the end of the input';
    }
    // Only printable ASCII is quoted, because other characters may be invisible in a message.
    const code = this.text.codePointAt(offset) ?? 0;
    if (code < CHAR_SPACE || code >= 0x7f) {
      return `character ${formatCodePoint(code)}`;
    }
    return `character ${JSON.stringify(String.fromCharCode(code))}`;
  }

  private fail(offset: number, detail: string): never {
    throw new JsonInputError(`invalid JSON at offset ${offset}: ${detail}`, offset);
  }
}
