import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_DEPTH, DEFAULT_MAX_LENGTH, JsonInputError, parseStrictJson } from '../../shared/strict-json.js';
import { createRandom } from '../support/random.js';

/** Copies a parsed value, giving every object Object.prototype so it compares equal to JSON.parse output. */
function withPlainPrototypes(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(withPlainPrototypes);
  }
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      copy[key] = withPlainPrototypes(item);
    }
    return copy;
  }
  return value;
}

/** Collects the prototype of every object in a parsed value, skipping arrays. */
function objectPrototypes(value: unknown, found: unknown[] = []): unknown[] {
  if (Array.isArray(value)) {
    for (const item of value) {
      objectPrototypes(item, found);
    }
  } else if (value !== null && typeof value === 'object') {
    found.push(Object.getPrototypeOf(value));
    for (const item of Object.values(value)) {
      objectPrototypes(item, found);
    }
  }
  return found;
}

/** Returns the JsonInputError that the parser throws, and fails the test on any other outcome. */
function rejection(text: string, limits?: Parameters<typeof parseStrictJson>[1]): JsonInputError {
  try {
    parseStrictJson(text, limits);
  } catch (error) {
    expect(error).toBeInstanceOf(JsonInputError);
    return error as JsonInputError;
  }
  throw new Error(`expected parseStrictJson to reject ${JSON.stringify(text)}`);
}

const SAMPLE_BUNDLE = JSON.stringify(
  {
    format: 1,
    office: 'AFR-DAKAR',
    revision: 3,
    createdBy: 'Aminata Diallo',
    note: 'Zoë’s figures — “final” ✓ 😀\n\ttab, quote " and backslash \\',
    entries: [
      { outcome: '01', country: null, demand: 120000, target: 95000, justification: '' },
      { outcome: '02', country: 'SEN', demand: 0, target: -15, justification: 'Advocacy target' },
      { outcome: '03', country: 'MLI', demand: 9007199254740991, target: -9007199254740991, justification: '' },
    ],
    flags: [true, false, null],
    empty: { list: [], map: {} },
  },
  null,
  2,
);

describe('parseStrictJson accepted documents', () => {
  const documents = [
    SAMPLE_BUNDLE,
    '0',
    '-1',
    '42',
    'true',
    'false',
    'null',
    '""',
    '[]',
    '{}',
    ' \t\r\n [ 1 , 2 ] \t\r\n ',
    '"\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u0000 \\u001f \\u00e9 \\uFFFF"',
    '"\\ud83d\\ude00 and raw 😀"',
    '"DEL \u007f and NBSP \u00a0 are allowed inside strings"',
    '{"a":{"b":{"c":[[[]]]}},"d":[{"e":1},{"e":2}]}',
    '{"hasOwnProperty":1,"toString":2,"valueOf":3,"__proto":4,"proto__":5}',
    '[9007199254740991,-9007199254740991,1000000000000000]',
  ];

  it.each(documents)('equals JSON.parse for %s', (text) => {
    const value = parseStrictJson(text);
    expect(withPlainPrototypes(value)).toStrictEqual(JSON.parse(text));
  });

  it('gives every object a null prototype', () => {
    const prototypes = objectPrototypes(parseStrictJson(SAMPLE_BUNDLE));
    expect(prototypes.length).toBe(6);
    for (const prototype of prototypes) {
      expect(prototype).toBeNull();
    }
  });

  it('keeps Object.prototype untouched by keys', () => {
    const value = parseStrictJson('{"polluted":true,"toString":"x"}') as Record<string, unknown>;
    expect(value['polluted']).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(typeof Object.prototype.toString).toBe('function');
  });

  it('decodes surrogate pair escapes', () => {
    expect(parseStrictJson('"\\ud83d\\ude00"')).toBe('😀');
    expect(parseStrictJson('"\\uD834\\uDD1E"')).toBe('\u{1d11e}');
  });

  it('accepts safe integer bounds', () => {
    expect(parseStrictJson('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(parseStrictJson('-9007199254740991')).toBe(Number.MIN_SAFE_INTEGER);
    expect(parseStrictJson('{"revision":9007199254740991}')).toEqual({ revision: Number.MAX_SAFE_INTEGER });
  });
});

describe('parseStrictJson rejections', () => {
  it('rejects duplicate key with name and offset', () => {
    const text = '{"office":"AFR-DAKAR","revision":3,"revision":4}';
    const error = rejection(text);
    expect(error.offset).toBe(text.lastIndexOf('"revision"'));
    expect(error.message).toBe(`invalid JSON at offset ${error.offset}: duplicate key "revision"`);
  });

  it('rejects duplicate key written with escapes', () => {
    const error = rejection('{"ab":1,"\\u0061b":2}');
    expect(error.message).toContain('duplicate key "ab"');
    expect(error.offset).toBe(8);
  });

  it('allows same key in sibling objects', () => {
    expect(withPlainPrototypes(parseStrictJson('[{"a":1},{"a":2}]'))).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it.each(['__proto__', 'constructor', 'prototype'])('rejects key %s', (key) => {
    const error = rejection(`{"ok":1,"${key}":{"polluted":true}}`);
    expect(error.message).toContain(`the key "${key}" is not allowed`);
    expect(error.offset).toBe(8);
  });

  it('rejects escaped __proto__ key', () => {
    const error = rejection('{"\\u005f_proto__":{}}');
    expect(error.message).toContain('the key "__proto__" is not allowed');
  });

  it('rejects 2^53+1 revision', () => {
    const text = '{"revision":9007199254740993}';
    const error = rejection(text);
    expect(error.offset).toBe(text.indexOf('9'));
    expect(error.message).toContain('"9007199254740993"');
    expect(error.message).toContain('cannot be represented exactly');
  });

  it.each(['9007199254740992', '-9007199254740992', '9999999999999999', '10000000000000000', '-123456789012345678901234567890'])(
    'rejects unsafe integer %s',
    (literal) => {
      expect(rejection(literal).message).toContain('outside ±9007199254740991');
    },
  );

  it.each(['1.0', '0.5', '-2.25', '1e3', '1E3', '1e-3', '2.5e+10', '[1,2.0]'])('rejects fraction or exponent %s', (text) => {
    const error = rejection(text);
    expect(error.message).toContain('only whole numbers are accepted');
  });

  it('rejects number grammar errors', () => {
    expect(rejection('01').message).toContain('leading zeros');
    expect(rejection('-01').message).toContain('leading zeros');
    expect(rejection('-0').message).toContain('-0 is not accepted, write 0 instead');
    expect(rejection('-').message).toContain('expected a digit after "-"');
    expect(rejection('+1').message).toContain('expected a value but found character "+"');
    expect(rejection('.5').message).toContain('expected a value');
    expect(rejection('1.').message).toContain('only whole numbers');
    expect(rejection('0x10').message).toContain('after the end of the JSON value');
    expect(rejection('NaN').message).toContain('expected a value');
    expect(rejection('Infinity').message).toContain('expected a value');
    expect(rejection('-Infinity').message).toContain('expected a digit');
  });

  it('rejects lone surrogate escapes', () => {
    expect(rejection('"\\ud800"').message).toContain('lone surrogate \\ud800');
    expect(rejection('"\\udc00"').message).toContain('lone surrogate \\udc00');
    expect(rejection('"\\ud83d\\u0041"').message).toContain('lone surrogate \\ud83d');
    expect(rejection('"\\ud83dx"').message).toContain('lone surrogate \\ud83d');
    expect(rejection('"\\ud83d\\ud83d"').message).toContain('lone surrogate \\ud83d');
    expect(rejection('"\\ude00\\ud83d"').message).toContain('lone surrogate \\ude00');
    expect(rejection('"ab\\ud83d"').offset).toBe(3);
  });

  it('rejects raw lone surrogates', () => {
    expect(rejection('"a\ud800"').message).toContain('lone surrogate U+D800');
    expect(rejection('"a\udc00b"').message).toContain('lone surrogate U+DC00');
    expect(rejection('"\ude00\ud83d"').offset).toBe(1);
  });

  it('rejects control characters in strings', () => {
    for (let code = 0; code < 0x20; code++) {
      const error = rejection(`"ab${String.fromCharCode(code)}"`);
      expect(error.offset).toBe(3);
      expect(error.message).toContain('control character U+00');
    }
  });

  it('rejects invalid escapes', () => {
    expect(rejection('"\\x41"').message).toContain('invalid escape "\\\\x"');
    expect(rejection('"\\\'"').message).toContain('invalid escape');
    expect(rejection('"\\u12"').message).toContain('four hex digits');
    expect(rejection('"\\u12G4"').message).toContain('four hex digits');
    expect(rejection('"\\').message).toContain('invalid escape');
  });

  it('rejects trailing commas', () => {
    expect(rejection('[1,2,]').message).toBe('invalid JSON at offset 4: trailing comma before "]"');
    expect(rejection('{"a":1,}').message).toBe('invalid JSON at offset 6: trailing comma before "}"');
    expect(rejection('[1 , \n ]').offset).toBe(3);
    expect(rejection('[,]').message).toContain('expected a value');
    expect(rejection('{,}').message).toContain('expected a key');
    expect(rejection('[1,,2]').message).toContain('expected a value');
  });

  it('rejects comments', () => {
    expect(rejection('// note\n1').message).toContain('comments are not allowed');
    expect(rejection('[1, /* note */ 2]').message).toContain('comments are not allowed');
    expect(rejection('[1] // note').message).toContain('after the end of the JSON value');
    expect(rejection('{"a":1 /* x */}').message).toContain('expected "," or "}"');
  });

  it('rejects trailing non-whitespace', () => {
    const error = rejection('{"a":1} x');
    expect(error.offset).toBe(8);
    expect(error.message).toBe('invalid JSON at offset 8: unexpected character "x" after the end of the JSON value');
    expect(rejection('1 2').offset).toBe(2);
    expect(rejection('{}{}').offset).toBe(2);
    expect(rejection('[]\u0000').message).toContain('character U+0000');
    expect(rejection('true false').offset).toBe(5);
  });

  it('rejects non-JSON whitespace', () => {
    expect(rejection('\u00a01').message).toContain('character U+00A0');
    expect(rejection('[1,\u000b2]').message).toContain('character U+000B');
    expect(rejection('\u20281').offset).toBe(0);
  });

  it('rejects byte order mark', () => {
    const error = rejection('\ufeff{}');
    expect(error.offset).toBe(0);
    expect(error.message).toContain('byte order mark');
  });

  it('rejects structural errors', () => {
    expect(rejection('').message).toBe('invalid JSON at offset 0: expected a value but found the end of the input');
    expect(rejection('  \n ').offset).toBe(4);
    expect(rejection('"abc').message).toContain('unterminated string');
    expect(rejection('[1,2').message).toContain('expected "," or "]" but found the end of the input');
    expect(rejection('{"a":1').message).toContain('expected "," or "}"');
    expect(rejection('{"a"}').message).toContain('expected ":" after the key "a"');
    expect(rejection('{"a":}').message).toContain('expected a value');
    expect(rejection('{a:1}').message).toContain('expected a key in double quotes');
    expect(rejection("{'a':1}").message).toContain('expected a key in double quotes');
    expect(rejection("'a'").message).toContain('expected a value');
    expect(rejection('[1 2]').message).toContain('expected "," or "]" but found character "2"');
    expect(rejection('tru').message).toContain('expected a value');
    expect(rejection('nul').message).toContain('expected a value');
    expect(rejection('True').message).toContain('expected a value');
    expect(rejection('nulll').offset).toBe(4);
    expect(rejection('[1]]').offset).toBe(3);
    expect(rejection('{"a":1]').offset).toBe(6);
  });

  it('quotes long keys and literals briefly', () => {
    const longKey = 'k'.repeat(10_000);
    const error = rejection(`{"${longKey}":1,"${longKey}":2}`);
    expect(error.message.length).toBeLessThan(120);
    expect(rejection('1'.repeat(10_000)).message.length).toBeLessThan(160);
  });
});

describe('parseStrictJson limits', () => {
  it('uses documented defaults', () => {
    expect(DEFAULT_MAX_DEPTH).toBe(64);
    expect(DEFAULT_MAX_LENGTH).toBe(16 * 1024 * 1024);
  });

  it('accepts nesting at default depth', () => {
    const atLimit = '['.repeat(64) + ']'.repeat(64);
    expect(() => parseStrictJson(atLimit)).not.toThrow();
    const objects = '{"a":'.repeat(64) + '1' + '}'.repeat(64);
    expect(() => parseStrictJson(objects)).not.toThrow();
  });

  it('rejects nesting beyond default depth', () => {
    const tooDeep = '['.repeat(65) + ']'.repeat(65);
    const error = rejection(tooDeep);
    expect(error.offset).toBe(64);
    expect(error.message).toContain('nested deeper than the limit of 64');
    expect(rejection('{"a":'.repeat(65) + '1' + '}'.repeat(65)).message).toContain('limit of 64');
  });

  it('honours custom depth', () => {
    expect(parseStrictJson('7', { maxDepth: 0 })).toBe(7);
    expect(rejection('[]', { maxDepth: 0 }).offset).toBe(0);
    expect(() => parseStrictJson('[[1]]', { maxDepth: 2 })).not.toThrow();
    expect(rejection('[[[1]]]', { maxDepth: 2 }).offset).toBe(2);
  });

  it('rejects million-deep nesting without overflow', () => {
    const open = '['.repeat(1_000_000);
    expect(rejection(open).offset).toBe(DEFAULT_MAX_DEPTH);
    expect(rejection(open + ']'.repeat(1_000_000)).message).toContain('limit of 64');
    expect(rejection('{"a":'.repeat(1_000_000)).message).toContain('limit of 64');
  });

  it('parses million-deep nesting when allowed', () => {
    const depth = 1_000_000;
    let value = parseStrictJson('['.repeat(depth) + ']'.repeat(depth), { maxDepth: depth });
    let levels = 0;
    while (Array.isArray(value) && value.length > 0) {
      value = value[0];
      levels++;
    }
    expect(levels).toBe(depth - 1);
    expect(rejection('['.repeat(depth + 1) + ']'.repeat(depth + 1), { maxDepth: depth }).offset).toBe(depth);
  });

  it('rejects input longer than maxLength', () => {
    const error = rejection('[1,2,3]', { maxLength: 6 });
    expect(error.offset).toBe(6);
    expect(error.message).toBe('invalid JSON: the input is 7 characters long, more than the limit of 6');
    expect(parseStrictJson('[1,2,3]', { maxLength: 7 })).toEqual([1, 2, 3]);
  });

  it('rejects input longer than default length', () => {
    const text = `"${'x'.repeat(DEFAULT_MAX_LENGTH - 1)}"`;
    expect(rejection(text).message).toContain(`limit of ${DEFAULT_MAX_LENGTH}`);
    const atLimit = `"${'x'.repeat(DEFAULT_MAX_LENGTH - 2)}"`;
    expect(parseStrictJson(atLimit)).toHaveLength(DEFAULT_MAX_LENGTH - 2);
  });

  it('throws RangeError for invalid limits', () => {
    expect(() => parseStrictJson('1', { maxDepth: -1 })).toThrow(RangeError);
    expect(() => parseStrictJson('1', { maxDepth: 1.5 })).toThrow(RangeError);
    expect(() => parseStrictJson('1', { maxLength: Number.NaN })).toThrow(RangeError);
  });
});

describe('parseStrictJson fuzzing', () => {
  const PALETTE = [
    '{', '}', '[', ']', ',', ':', '"', '\\', '-', '0', '1', '9', '.', 'e', 'E', '+', ' ', '\n', '\t', '\r',
    't', 'f', 'n', 'u', '/', '*', '\u0000', '\u001f', '\u00a0', '\ufeff', '\ud800', '\udc00', '😀', 'é',
    '__proto__', '"revision":', '9007199254740993', 'true', 'null', '\\u', '\\ud83d',
  ];

  function mutate(text: string, random: () => number): string {
    const pick = (length: number): number => Math.floor(random() * length);
    let result = text;
    const steps = 1 + pick(3);
    for (let step = 0; step < steps; step++) {
      const at = pick(result.length + 1);
      const operation = pick(5);
      const token = PALETTE[pick(PALETTE.length)] ?? '';
      if (operation === 0) {
        result = result.slice(0, at) + token + result.slice(at);
      } else if (operation === 1) {
        result = result.slice(0, at) + result.slice(at + 1 + pick(8));
      } else if (operation === 2) {
        result = result.slice(0, at) + token + result.slice(at + 1);
      } else if (operation === 3) {
        const length = pick(40);
        result = result.slice(0, at) + result.slice(at, at + length) + result.slice(at);
      } else {
        result = result.slice(0, at);
      }
    }
    return result;
  }

  it('throws only JsonInputError on 2000 mutations', () => {
    const random = createRandom(20_240_601);
    const compact = JSON.stringify(JSON.parse(SAMPLE_BUNDLE));
    let accepted = 0;
    for (let round = 0; round < 2000; round++) {
      const text = mutate(round % 2 === 0 ? SAMPLE_BUNDLE : compact, random);
      let value: unknown;
      try {
        value = parseStrictJson(text);
      } catch (error) {
        if (!(error instanceof JsonInputError)) {
          throw new Error(`round ${round}: ${String(error)} for ${JSON.stringify(text)}`);
        }
        expect(error.offset).toBeGreaterThanOrEqual(0);
        expect(error.offset).toBeLessThanOrEqual(text.length);
        continue;
      }
      accepted++;
      // Anything the strict parser accepts must mean the same to JSON.parse.
      expect(withPlainPrototypes(value)).toStrictEqual(JSON.parse(text));
    }
    expect(accepted).toBeGreaterThan(0);
    expect(accepted).toBeLessThan(2000);
  });
});
