/**
 * Parsing of whole numbers that people type into the grid or paste from spreadsheets saved
 * with English, French, Spanish or Arabic number formats.
 *
 * The parser rejects anything it cannot read with certainty, because a planner who pastes
 * `1.234` from a German sheet must not end up with 1 or 1234 without noticing.
 */

/** Number format of the person entering values, which decides whether `,` or `.` separates digit groups. */
export type WholeNumberLocale = 'en' | 'fr' | 'es' | 'ar';

export type ParsedNumber =
  /** `value` is null when the input was blank (empty or only whitespace), which means "not entered". */
  | { ok: true; value: number | null }
  /** `input` is the argument exactly as given, so the caller can show it again for correction. */
  | { ok: false; input: string; message: string };

/**
 * Largest number of results accepted. A billion is far above the counts expected for one
 * outcome and office, so larger values are most likely pasted identifiers or extra digits.
 * The cap also keeps sums exact, because 2^53 / 10^9 is about 9 million, so totals of up to
 * 9 million entries stay below Number.MAX_SAFE_INTEGER.
 */
export const MAX_WHOLE_NUMBER = 1_000_000_000;

/** Maximum number of characters of the input quoted in a message, so long pastes stay readable. */
const MAX_QUOTED_LENGTH = 40;

// Spreadsheets in Arabic locales wrap numbers in these direction marks and embeddings.
// They are invisible and carry no digits, so they are removed before reading.
const BIDI_CONTROLS = /[\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/g;

const NON_ASCII_DIGITS = /[\u0660-\u0669\u06F0-\u06F9\uFF10-\uFF19]/g;
const ARABIC_INDIC_ZERO = 0x0660;
const EXTENDED_ARABIC_INDIC_ZERO = 0x06f0;
const FULL_WIDTH_ZERO = 0xff10;

// Full-width sign and separator forms, typed with East Asian input methods next to full-width digits.
const FULL_WIDTH_PUNCTUATION: Record<string, string> = {
  '\uFF0B': '+',
  '\uFF0C': ',',
  '\uFF0D': '-',
  '\uFF0E': '.',
};

// ASCII hyphen-minus, minus sign, en dash (word processors turn "-" into it) and small hyphen-minus.
// The full-width hyphen-minus is already mapped to "-" by normalizeCharacters.
const MINUS_SIGNS = '-\u2212\u2013\uFE63';

const ARABIC_THOUSANDS_SEPARATOR = '\u066C';
const ARABIC_DECIMAL_SEPARATOR = '\u066B';

/** Shape of every accepted number: digit runs joined by single separators of any supported locale. */
const NUMBER_SHAPE = /^[0-9]+(?:[ \u00A0\u202F\u2009'\u2019,.\u066C\u066B][0-9]+)*$/;

/** Kind of a digit-group separator. Space-like characters count as one kind, as do the two apostrophes. */
type SeparatorKind = 'space' | 'apostrophe' | 'comma' | 'period' | 'arabic';

function separatorKind(separator: string): SeparatorKind {
  switch (separator) {
    case ',':
      return 'comma';
    case '.':
      return 'period';
    case "'":
    case '\u2019':
      return 'apostrophe';
    case ARABIC_THOUSANDS_SEPARATOR:
      return 'arabic';
    default:
      return 'space';
  }
}

/**
 * Decimal separators per locale. In 'en' and 'ar' the comma groups digits, as in CLDR's `ar`
 * format (1,234,567.5), while in 'fr' and 'es' the comma is the decimal separator and the
 * period groups digits. U+066B is a decimal separator everywhere.
 */
const DECIMAL_SEPARATORS: Record<WholeNumberLocale, string> = {
  en: '.' + ARABIC_DECIMAL_SEPARATOR,
  ar: '.' + ARABIC_DECIMAL_SEPARATOR,
  fr: ',' + ARABIC_DECIMAL_SEPARATOR,
  es: ',' + ARABIC_DECIMAL_SEPARATOR,
};

/** Outcome of reading the unsigned part of the input. */
type UnsignedReading =
  | { kind: 'digits'; digits: string }
  | { kind: 'decimal'; wholeIfGrouped: string | null }
  | { kind: 'bad-grouping'; separator: string }
  | { kind: 'mixed-separators' }
  | { kind: 'leading-zero-group' }
  | { kind: 'not-a-number' };

/**
 * Parses a whole number of results typed or pasted into a cell.
 *
 * Digits may be ASCII, Arabic-Indic (U+0660–0669), Extended Arabic-Indic (U+06F0–06F9) or
 * full-width (U+FF10–FF19). Digit groups of three may be separated by spaces (ordinary,
 * no-break U+00A0, narrow no-break U+202F or thin U+2009) or by apostrophes (' or U+2019).
 * The Arabic thousands separator U+066C works in every locale, the comma in 'en' and 'ar', and
 * the period in 'fr' and 'es'. One number must use one kind of separator.
 *
 * Decisions:
 * - A leading `+` is accepted, because spreadsheets accept it and it does not change the value.
 * - Leading zeros are accepted (`007` is 7), because spreadsheets drop them too. They are
 *   rejected before a group separator (`0,125`), because such input is most likely a decimal.
 * - Every decimal is rejected, even `12.0`, because in 'en' `1.000` may be a European 1000.
 * - Any minus sign is rejected, including `-0`, and so are accounting negatives such as `(12)`.
 * - Other digit scripts, such as Devanagari, are rejected as not a number.
 */
export function parseWholeNumber(input: string, options: { locale?: WholeNumberLocale } = {}): ParsedNumber {
  const locale = options.locale ?? 'en';
  const text = normalizeCharacters(input.replace(BIDI_CONTROLS, '')).trim();
  if (text === '') {
    return { ok: true, value: null };
  }

  const quoted = quoteInput(input);
  const reject = (message: string): ParsedNumber => ({ ok: false, input, message });

  const { negative, unsigned } = splitSign(text);
  const reading = readUnsigned(unsigned, locale);

  switch (reading.kind) {
    case 'not-a-number':
      return reject(`${quoted} is not a whole number: enter a whole number of results in digits, such as 12.`);
    case 'decimal': {
      const hint = reading.wholeIfGrouped === null ? '' : ` If you meant ${reading.wholeIfGrouped}, enter ${reading.wholeIfGrouped}.`;
      return reject(`${quoted} is not a whole number: enter a whole number of results such as 12.${hint}`);
    }
    case 'bad-grouping': {
      const example = ['1', '234', '567'].join(reading.separator);
      return reject(
        `${quoted} is not a valid whole number because each digit group after a separator must have exactly three digits, as in ${example}. ` +
          'Enter a whole number of results such as 12.',
      );
    }
    case 'mixed-separators':
      return reject(`${quoted} mixes different digit-group separators: use one kind throughout, as in 1 234 567, or none.`);
    case 'leading-zero-group':
      return reject(
        `${quoted} is not a valid whole number because a group separator follows a leading 0, so it may be a decimal. ` +
          'Enter a whole number of results such as 12.',
      );
    case 'digits':
      break;
  }

  if (negative) {
    return reject(`${quoted} is a negative number, but a number of results cannot be negative: enter 0 or more, such as 12.`);
  }

  // Comparing the length first keeps long digit strings away from Number(), which would round them.
  const significant = reading.digits.replace(/^0+(?=[0-9])/, '');
  const value = Number(significant);
  if (significant.length > String(MAX_WHOLE_NUMBER).length || value > MAX_WHOLE_NUMBER) {
    const maximum = groupDigits(String(MAX_WHOLE_NUMBER), locale === 'fr' || locale === 'es' ? ' ' : ',');
    return reject(
      `${quoted} is more than ${maximum}, the largest number of results accepted: enter a smaller whole number or remove extra digits.`,
    );
  }

  return { ok: true, value };
}

/** Replaces non-ASCII digits and full-width punctuation with their ASCII forms. */
function normalizeCharacters(text: string): string {
  const asciiDigits = text.replace(NON_ASCII_DIGITS, (digit) => {
    const code = digit.charCodeAt(0);
    let zero = ARABIC_INDIC_ZERO;
    if (code >= FULL_WIDTH_ZERO) {
      zero = FULL_WIDTH_ZERO;
    } else if (code >= EXTENDED_ARABIC_INDIC_ZERO) {
      zero = EXTENDED_ARABIC_INDIC_ZERO;
    }
    return String(code - zero);
  });
  return asciiDigits.replace(/[\uFF0B-\uFF0E]/g, (character) => FULL_WIDTH_PUNCTUATION[character] ?? character);
}

/**
 * Separates a sign from the rest. A minus may lead or trail (Arabic text can show it after the
 * digits), and parentheses mark a negative in accounting formats.
 */
function splitSign(text: string): { negative: boolean; unsigned: string } {
  const first = text.charAt(0);
  const last = text.charAt(text.length - 1);

  if (first === '+') {
    return { negative: false, unsigned: text.slice(1) };
  }
  if (MINUS_SIGNS.includes(first)) {
    return { negative: true, unsigned: text.slice(1) };
  }
  if (MINUS_SIGNS.includes(last)) {
    return { negative: true, unsigned: text.slice(0, -1) };
  }
  if (first === '(' && last === ')') {
    return { negative: true, unsigned: text.slice(1, -1) };
  }
  return { negative: false, unsigned: text };
}

/** Reads digits and separators without a sign, and classifies what is wrong with them if anything. */
function readUnsigned(text: string, locale: WholeNumberLocale): UnsignedReading {
  if (!NUMBER_SHAPE.test(text)) {
    return { kind: 'not-a-number' };
  }

  // The capturing split alternates digit runs and single separators: [digits, separator, digits, ...].
  const parts = text.split(/([^0-9])/);
  const groups = parts.filter((_, index) => index % 2 === 0);
  const separators = parts.filter((_, index) => index % 2 === 1);

  const decimalSeparators = DECIMAL_SEPARATORS[locale];
  const decimal = separators.find((separator) => decimalSeparators.includes(separator));
  if (decimal !== undefined) {
    // A period in 'en' or a comma in 'fr' may be another locale's group separator, so the
    // message offers the grouped reading, which the person must confirm by typing it.
    const grouped = decimal === ARABIC_DECIMAL_SEPARATOR ? null : readGroups(groups, separators);
    return { kind: 'decimal', wholeIfGrouped: grouped?.kind === 'digits' ? grouped.digits : null };
  }

  // `1 234,5` in 'en' or `1 234.5` in 'fr' is a decimal written in another locale's format:
  // a final comma or period of a different kind from all earlier separators.
  const last = separators.at(-1);
  if (
    (last === ',' || last === '.') &&
    separators.length > 1 &&
    separators.slice(0, -1).every((separator) => separatorKind(separator) !== separatorKind(last))
  ) {
    return { kind: 'decimal', wholeIfGrouped: null };
  }

  return readGroups(groups, separators);
}

/** Checks that digit groups have the sizes of thousands grouping and joins them. */
function readGroups(groups: string[], separators: string[]): UnsignedReading {
  const [firstGroup = '', ...laterGroups] = groups;
  const [firstSeparator] = separators;
  if (firstSeparator === undefined) {
    return { kind: 'digits', digits: firstGroup };
  }

  const kind = separatorKind(firstSeparator);
  if (separators.some((separator) => separatorKind(separator) !== kind)) {
    return { kind: 'mixed-separators' };
  }
  if (firstGroup.length > 3 || laterGroups.some((group) => group.length !== 3)) {
    return { kind: 'bad-grouping', separator: firstSeparator };
  }
  if (firstGroup.startsWith('0')) {
    return { kind: 'leading-zero-group' };
  }
  return { kind: 'digits', digits: groups.join('') };
}

/** Quotes the input for a message: trimmed, on one line, without direction marks, and shortened when long. */
function quoteInput(input: string): string {
  const displayed = input.replace(BIDI_CONTROLS, '').replace(/[\r\n\t]+/g, ' ').trim();
  const characters = Array.from(displayed);
  const shortened =
    characters.length > MAX_QUOTED_LENGTH ? characters.slice(0, MAX_QUOTED_LENGTH - 1).join('') + '…' : displayed;
  return `"${shortened}"`;
}

/** Writes a string of digits with a separator between groups of three, counted from the right. */
function groupDigits(digits: string, separator: string): string {
  return digits.replace(/\B(?=(?:[0-9]{3})+$)/g, separator);
}
