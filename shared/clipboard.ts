/**
 * Reads the text a spreadsheet puts on the clipboard: tab-separated cells, CRLF or LF between
 * rows, one trailing line break (Excel adds it), and cells quoted when they hold a tab, a line
 * break or a quote (Excel and LibreOffice both do this, doubling inner quotes).
 * Empty cells stay empty strings; nothing is trimmed, so the caller decides what blank means.
 */
export function parseClipboardTable(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let atCellStart = true;

  while (i < text.length) {
    const ch = text[i] as string;
    if (atCellStart && ch === '"') {
      // A quoted cell: read to the closing quote, keeping tabs and line breaks inside it.
      let j = i + 1;
      let value = '';
      let closed = false;
      while (j < text.length) {
        const c = text[j] as string;
        if (c === '"') {
          if (text[j + 1] === '"') {
            value += '"';
            j += 2;
            continue;
          }
          closed = true;
          j += 1;
          break;
        }
        value += c;
        j += 1;
      }
      const next = text[j];
      if (closed && (next === undefined || next === '\t' || next === '\n' || next === '\r')) {
        cell = value;
        i = j;
        atCellStart = false;
        continue;
      }
      // Not a well-formed quoted cell: spreadsheets then treat the quote as text.
    }
    atCellStart = false;
    if (ch === '\t') {
      row.push(cell);
      cell = '';
      atCellStart = true;
      i += 1;
    } else if (ch === '\r' || ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      atCellStart = true;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      cell += ch;
      i += 1;
    }
  }
  if (!atCellStart || cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
