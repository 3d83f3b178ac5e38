import { describe, expect, it } from 'vitest';
import { MAX_WHOLE_NUMBER, parseWholeNumber, type ParsedNumber, type WholeNumberLocale } from '../../shared/numbers.js';

type Locale = WholeNumberLocale | undefined;

/** Returns the message of a rejected input, failing the test when the input was accepted. */
function messageFor(input: string, locale?: WholeNumberLocale): string {
  const result: ParsedNumber = parseWholeNumber(input, { locale });
  if (result.ok) {
    throw new Error(`expected ${JSON.stringify(input)} to be rejected, but it was read as ${result.value}`);
  }
  return result.message;
}

describe('parseWholeNumber accepts', () => {
  const accepted: [label: string, input: string, locale: Locale, expected: number][] = [
    ['plain digits', '1234', undefined, 1234],
    ['zero', '0', undefined, 0],
    ['surrounding whitespace', '  42 \t', undefined, 42],
    ['trailing line break from a pasted cell', '42\r\n', undefined, 42],
    ['ordinary space groups', '1 234 567', undefined, 1_234_567],
    ['no-break space groups', '1\u00A0234\u00A0567', undefined, 1_234_567],
    ['narrow no-break space groups', '1\u202F234', 'fr', 1234],
    ['thin space groups', '12\u2009345', undefined, 12_345],
    ['apostrophe groups', "1'234'567", undefined, 1_234_567],
    ['right single quotation mark groups', '1\u2019234', undefined, 1234],
    ['comma groups in en', '1,234', 'en', 1234],
    ['comma groups by default', '1,234,567', undefined, 1_234_567],
    ['comma groups in ar', '12,345', 'ar', 12_345],
    ['period groups in fr', '1.234', 'fr', 1234],
    ['period groups in es', '1.234.567', 'es', 1_234_567],
    ['space groups in es', '1 234', 'es', 1234],
    ['Arabic-Indic digits', '\u0661\u0662\u0663\u0664', undefined, 1234],
    ['Extended Arabic-Indic digits', '\u06F1\u06F2\u06F3\u06F4', undefined, 1234],
    ['full-width digits', '\uFF11\uFF12\uFF13\uFF14', undefined, 1234],
    ['Arabic thousands separator', '\u0661\u066C\u0662\u0663\u0664', 'ar', 1234],
    ['Arabic separator with ASCII digits', '1\u066C234', 'en', 1234],
    ['right-to-left marks around digits', '\u200F\u0661\u066C\u0662\u0663\u0664\u200F', 'ar', 1234],
    ['left-to-right mark', '\u200E5000', undefined, 5000],
    ['Arabic letter mark', '\u061C12', undefined, 12],
    ['embedding controls', '\u202B1,234\u202C', undefined, 1234],
    ['isolate controls', '\u20671 234\u2069', undefined, 1234],
    ['leading plus', '+12', undefined, 12],
    ['full-width plus', '\uFF0B12', undefined, 12],
    ['leading zeros', '007', undefined, 7],
    ['all zeros', '000', undefined, 0],
    ['maximum', '1000000000', undefined, MAX_WHOLE_NUMBER],
    ['maximum with groups', '1 000 000 000', undefined, MAX_WHOLE_NUMBER],
    ['maximum with leading zeros', '0001000000000', undefined, MAX_WHOLE_NUMBER],
  ];

  it.each(accepted)('%s', (_label, input, locale, expected) => {
    expect(parseWholeNumber(input, { locale })).toEqual({ ok: true, value: expected });
  });
});

describe('parseWholeNumber blank input', () => {
  it.each([
    ['empty', ''],
    ['spaces', '   '],
    ['no-break spaces', '\u00A0\u202F'],
    ['only direction marks', '\u200F\u200E'],
  ])('%s is not entered', (_label, input) => {
    expect(parseWholeNumber(input)).toEqual({ ok: true, value: null });
  });
});

describe('parseWholeNumber rejects', () => {
  const rejected: [label: string, input: string, locale: Locale][] = [
    ['decimal with period', '12.5', undefined],
    ['decimal with zero fraction', '12.0', undefined],
    ['period grouping in en', '1.234', 'en'],
    ['period grouping with two periods in en', '1.234.567', 'en'],
    ['Arabic decimal separator', '\u0661\u066B\u0665', 'ar'],
    ['comma decimal in fr', '1,5', 'fr'],
    ['comma with three digits in fr', '1,234', 'fr'],
    ['comma decimal in es', '12,50', 'es'],
    ['French decimal in en', '1 234,5', 'en'],
    ['English decimal in fr', '1 234.5', 'fr'],
    ['hyphen-minus', '-1', undefined],
    ['minus sign', '\u22121', undefined],
    ['en dash', '\u20131', undefined],
    ['full-width minus', '\uFF0D1', undefined],
    ['trailing minus', '12-', undefined],
    ['accounting negative', '(12)', undefined],
    ['negative zero', '-0', undefined],
    ['letters', 'abc', undefined],
    ['digits with unit', '12 people', undefined],
    ['comma decimal in en', '1,5', undefined],
    ['two-digit group', '1,23', undefined],
    ['four-digit group', '1,2345', undefined],
    ['first group too long', '1234,567', undefined],
    ['short group after space', '12 34', undefined],
    ['trailing separator', '1,234,', undefined],
    ['leading separator', ',234', undefined],
    ['double separator', '1,,234', undefined],
    ['double space', '1  234', undefined],
    ['mixed separators', '1,234 567', undefined],
    ['leading zero before group', '0,125', undefined],
    ['exponent', '12e3', undefined],
    ['hexadecimal', '0x10', undefined],
    ['underscore digit separator', '1_000', undefined],
    ['Infinity', 'Infinity', undefined],
    ['NaN', 'NaN', undefined],
    ['plus then minus', '+-1', undefined],
    ['sign alone', '-', undefined],
    ['digits on two lines', '12\n34', undefined],
    ['Devanagari digits', '\u0967\u0968', undefined],
    ['superscript digit', '1\u00B2', undefined],
    ['above maximum', '1000000001', undefined],
    ['far above maximum', '99999999999999999999999', undefined],
    ['above maximum with groups', '2 000 000 000', undefined],
  ];

  it.each(rejected)('%s', (_label, input, locale) => {
    const result = parseWholeNumber(input, { locale });
    expect(result.ok).toBe(false);
    expect(result).toHaveProperty('input', input);
  });
});

describe('parseWholeNumber messages', () => {
  it('decimal message names value and fix', () => {
    expect(messageFor('12.5')).toBe('"12.5" is not a whole number: enter a whole number of results such as 12.');
  });

  it('period grouping offers the whole number', () => {
    expect(messageFor('1.234', 'en')).toContain('If you meant 1234, enter 1234.');
  });

  it('comma in fr offers the whole number', () => {
    expect(messageFor('1,234', 'fr')).toContain('If you meant 1234, enter 1234.');
  });

  it('true decimal offers no whole number', () => {
    expect(messageFor('12.5')).not.toContain('If you meant');
  });

  it('negative message says why', () => {
    const message = messageFor('\u22121');
    expect(message).toContain('"\u22121"');
    expect(message).toContain('cannot be negative');
    expect(message).toContain('enter 0 or more');
  });

  it('bad grouping shows an example', () => {
    const message = messageFor('1,23');
    expect(message).toContain('"1,23"');
    expect(message).toContain('exactly three digits');
    expect(message).toContain('1,234,567');
  });

  it('bad space grouping uses the same separator', () => {
    expect(messageFor('12 34')).toContain('1 234 567');
  });

  it('mixed separators say to use one kind', () => {
    expect(messageFor('1,234 567')).toContain('use one kind');
  });

  it('leading zero group warns of a decimal', () => {
    expect(messageFor('0,125')).toContain('may be a decimal');
  });

  it('not a number asks for digits', () => {
    expect(messageFor('abc')).toBe('"abc" is not a whole number: enter a whole number of results in digits, such as 12.');
  });

  it('too large names the maximum', () => {
    const message = messageFor('1000000001');
    expect(message).toContain('"1000000001"');
    expect(message).toContain('1,000,000,000');
    expect(message).toContain('enter a smaller whole number');
  });

  it('maximum uses spaces in fr', () => {
    expect(messageFor('2000000000', 'fr')).toContain('1 000 000 000');
  });

  it('quoted input is trimmed', () => {
    expect(messageFor('  abc  ')).toMatch(/^"abc" /);
  });

  it('quoted input drops direction marks', () => {
    expect(messageFor('\u200F12.5\u200F')).toMatch(/^"12\.5" /);
  });

  it('quoted input keeps original digits', () => {
    expect(messageFor('\u0661\u0662\u066B\u0665')).toMatch(/^"\u0661\u0662\u066B\u0665" /);
  });

  it('long input is shortened to 40 characters', () => {
    const message = messageFor('x'.repeat(100));
    const quoted = /^"([^"]*)"/.exec(message)?.[1] ?? '';
    expect(Array.from(quoted)).toHaveLength(40);
    expect(quoted.endsWith('…')).toBe(true);
  });

  it('input keeps the original argument', () => {
    const result = parseWholeNumber('  12.5 ');
    expect(result).toHaveProperty('input', '  12.5 ');
  });
});
