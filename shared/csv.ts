/**
 * Reading and writing of CSV files as spreadsheets save them. Excel in French or Spanish
 * settings writes `;` between cells, and many tools start the file with a byte order mark.
 * Line ends may be CRLF, LF or a lone CR.
 */

export type CsvDelimiter = ',' | ';' | '\t';

export interface CsvRow {
  /** 1-based physical line where the record starts. */
  line: number;
  cells: string[];
}

export interface CsvTable {
  delimiter: CsvDelimiter;
  header: string[];
  /** Records after the header, each padded with '' to the header's length. */
  rows: CsvRow[];
}

/** Error in a CSV file. `line` is the 1-based physical line of the problem, and parseCsv's messages start with it. */
export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'CsvError';
  }
}

const BYTE_ORDER_MARK = '\uFEFF';

/** One cell as read, before header trimming. */
interface RawCell {
  text: string;
  quoted: boolean;
}

interface RawRecord {
  line: number;
  cells: RawCell[];
}

/**
 * Parses CSV text into a header and rows.
 *
 * Without `options.delimiter`, the delimiter is the most frequent of tab, `;` and `,` outside
 * quotes on the header line, and `,` when the header line has none of them.
 * Completely empty lines are skipped, but a line of only delimiters is a row of empty cells.
 * Names in the header are trimmed unless quoted, and other cells are kept as they are.
 * Line breaks inside quoted cells are kept as written (CRLF, LF or CR).
 *
 * Throws CsvError for a quoted cell that is not closed, a quote inside an unquoted cell, text
 * after a closing quote, and a row with more cells than the header.
 */
export function parseCsv(text: string, options: { delimiter?: CsvDelimiter } = {}): CsvTable {
  const source = text.startsWith(BYTE_ORDER_MARK) ? text.slice(BYTE_ORDER_MARK.length) : text;
  const delimiter = options.delimiter ?? detectDelimiter(source);
  const [headerRecord, ...bodyRecords] = readRecords(source, delimiter);
  if (headerRecord === undefined) {
    return { delimiter, header: [], rows: [] };
  }

  const header = headerRecord.cells.map((cell) => (cell.quoted ? cell.text : cell.text.trim()));
  const rows = bodyRecords.map((record): CsvRow => {
    if (record.cells.length > header.length) {
      throw new CsvError(
        `line ${record.line}: the row has ${record.cells.length} cells but the header has ${header.length}: ` +
          `remove the extra cells, or put quotes around cells that contain ${describeDelimiter(delimiter)}.`,
        record.line,
      );
    }

    // Some spreadsheet programs leave out empty cells at the end of a row, so missing cells are read as empty.
    const cells = record.cells.map((cell) => cell.text);
    while (cells.length < header.length) {
      cells.push('');
    }
    return { line: record.line, cells };
  });

  return { delimiter, header, rows };
}

/**
 * Formats rows as CSV text, one line per row, each ending with `lineEnd` (default CRLF, the
 * line end of RFC 4180). Numbers are written as plain digits and null as an empty cell.
 *
 * Cells are quoted when they contain the delimiter, a quote, CR or LF. They are also quoted
 * when they contain `,`, `;` or a tab, so that parseCsv detects the delimiter from the header,
 * and when they have leading or trailing whitespace, which parseCsv trims from unquoted header names.
 * With a `,`, `;` or tab delimiter, the text reads back through parseCsv as the same cells
 * when every row has as many cells as the first.
 *
 * NOTE: Cells starting with `=`, `+`, `-` or `@` are written unchanged, so a spreadsheet may
 * run them as formulas when the file is opened.
 */
export function formatCsv(
  rows: (string | number | null)[][],
  options: { delimiter?: string; lineEnd?: '\r\n' | '\n' } = {},
): string {
  const delimiter = options.delimiter ?? ',';
  const lineEnd = options.lineEnd ?? '\r\n';
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\r' || delimiter === '\n') {
    throw new RangeError(`The CSV delimiter ${JSON.stringify(delimiter)} is invalid: use one character other than a quote or line break, such as "," or ";".`);
  }

  return rows.map((row) => formatRow(row, delimiter) + lineEnd).join('');
}

function formatRow(row: (string | number | null)[], delimiter: string): string {
  // An empty line would be skipped when read back, so a row of one empty cell is written as "".
  if (row.length === 0 || (row.length === 1 && formatValue(row[0] ?? null) === '')) {
    return '""';
  }
  return row.map((value) => quoteIfNeeded(formatValue(value), delimiter)).join(delimiter);
}

function formatValue(value: string | number | null): string {
  if (value === null) {
    return '';
  }
  if (typeof value === 'string') {
    return value;
  }
  if (!Number.isFinite(value)) {
    throw new RangeError(`The number ${value} cannot be written to CSV: write a finite number or null.`);
  }
  // BigInt writes every digit of large integers, where String() would switch to 1e+21 notation.
  // NOTE: Fractions below 1e-6 still come out in exponent notation such as 1e-7.
  return Number.isInteger(value) ? BigInt(value).toString() : String(value);
}

function quoteIfNeeded(cell: string, delimiter: string): string {
  const needsQuotes = cell.includes(delimiter) || /["\r\n,;\t]/.test(cell) || /^\s|\s$/.test(cell);
  return needsQuotes ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** Picks the delimiter from the first non-empty line, counting only characters outside quotes. */
function detectDelimiter(source: string): CsvDelimiter {
  const counts: Record<CsvDelimiter, number> = { '\t': 0, ';': 0, ',': 0 };
  let inQuotes = false;
  let started = false;

  for (const character of source) {
    if (!started && (character === '\r' || character === '\n')) {
      continue;
    }
    started = true;

    if (character === '"') {
      inQuotes = !inQuotes;
    } else if (!inQuotes && (character === '\r' || character === '\n')) {
      break;
    } else if (!inQuotes && (character === '\t' || character === ';' || character === ',')) {
      counts[character] += 1;
    }
  }

  // On a tie, tab wins over `;` and `;` over `,`, because header names contain commas more often.
  const highest = Math.max(counts['\t'], counts[';'], counts[',']);
  const candidates = ['\t', ';', ','] as const;
  return candidates.find((candidate) => highest > 0 && counts[candidate] === highest) ?? ',';
}

interface Reader {
  source: string;
  delimiter: CsvDelimiter;
  /** Index of the next character to read. */
  position: number;
  /** 1-based physical line of `position`. */
  line: number;
}

/** Splits the text into records of cells, skipping completely empty lines. */
function readRecords(source: string, delimiter: CsvDelimiter): RawRecord[] {
  const records: RawRecord[] = [];
  const reader: Reader = { source, delimiter, position: 0, line: 1 };

  while (reader.position < source.length) {
    if (isLineBreak(source, reader.position)) {
      skipLineBreak(reader);
      continue;
    }

    const record: RawRecord = { line: reader.line, cells: [] };
    for (;;) {
      record.cells.push(readCell(reader, record.cells.length + 1));
      if (source[reader.position] !== delimiter) {
        break;
      }
      reader.position += 1;
    }
    records.push(record);

    if (reader.position < source.length) {
      skipLineBreak(reader);
    }
  }

  return records;
}

function isLineBreak(source: string, position: number): boolean {
  const character = source[position];
  return character === '\r' || character === '\n';
}

/** Moves past one line break, counting CRLF as one. Returns the characters skipped. */
function skipLineBreak(reader: Reader): string {
  const length = reader.source.startsWith('\r\n', reader.position) ? 2 : 1;
  const lineBreak = reader.source.slice(reader.position, reader.position + length);
  reader.position += length;
  reader.line += 1;
  return lineBreak;
}

/** Reads one cell and stops at the delimiter, line break or end of text that follows it. */
function readCell(reader: Reader, column: number): RawCell {
  if (reader.source[reader.position] === '"') {
    return { text: readQuotedCell(reader, column), quoted: true };
  }

  const { source, delimiter } = reader;
  const start = reader.position;
  while (reader.position < source.length && source[reader.position] !== delimiter && !isLineBreak(source, reader.position)) {
    if (source[reader.position] === '"') {
      throw new CsvError(
        `line ${reader.line}: column ${column} contains a quote but does not start with one: ` +
          'put the whole cell in quotes and write each " inside it as "", or remove the quote.',
        reader.line,
      );
    }
    reader.position += 1;
  }
  return { text: source.slice(start, reader.position), quoted: false };
}

function readQuotedCell(reader: Reader, column: number): string {
  const { source, delimiter } = reader;
  const openingLine = reader.line;
  let text = '';
  reader.position += 1;

  for (;;) {
    if (reader.position >= source.length) {
      throw new CsvError(`line ${openingLine}: a quoted cell is not closed: add the missing " or remove the quote.`, openingLine);
    }

    const character = source.charAt(reader.position);
    if (character === '"' && source[reader.position + 1] === '"') {
      text += '"';
      reader.position += 2;
    } else if (character === '"') {
      reader.position += 1;
      break;
    } else if (isLineBreak(source, reader.position)) {
      text += skipLineBreak(reader);
    } else {
      text += character;
      reader.position += 1;
    }
  }

  if (reader.position < source.length && source[reader.position] !== delimiter && !isLineBreak(source, reader.position)) {
    throw new CsvError(
      `line ${reader.line}: column ${column} has text after its closing quote: write each " inside a quoted cell as "".`,
      reader.line,
    );
  }
  return text;
}

function describeDelimiter(delimiter: CsvDelimiter): string {
  return delimiter === '\t' ? 'a tab' : `"${delimiter}"`;
}
