import { PlannerError } from '../../shared/api/errors.js';
import { parseCsv, formatCsv, CsvError } from '../../shared/csv.js';
import { parseWholeNumber } from '../../shared/numbers.js';
import { findMixedBreakdown, normaliseOutcomeCode, validateEntry } from '../../shared/domain/entry-rules.js';
import type { Cycle, Entry } from '../../shared/domain/types.js';
import { cycleOf, requireRole, type PlannerContext } from './context.js';
import type { EntryField } from './db/entry-repo.js';

/** Column names of the entries file, in the order `entries list --format csv` writes them. */
export const ENTRY_COLUMNS = ['outcome', 'demand', 'target', 'note', 'country'] as const;
const REQUIRED_COLUMNS = ['outcome', 'demand', 'target', 'note'] as const;

export function listEntries(context: PlannerContext, operation = 'listing entries'): Entry[] {
  requireRole(context, 'office', operation);
  return context.entries.list();
}

export interface ImportSummary {
  rows: number;
  outcomes: number;
  changedValues: number;
}

/**
 * Reads an entries file and replaces the entries of every outcome it names, in one transaction.
 * Outcomes the file does not name keep their entries. Any bad row stops the import before
 * anything is written, and the error names the line.
 */
export function importEntriesCsv(context: PlannerContext, text: string): ImportSummary {
  requireRole(context, 'office', 'entries import');
  const cycle = cycleOf(context);
  const parsed = readEntriesCsv(cycle, text);

  const byOutcome = new Map<string, Entry[]>();
  for (const entry of parsed) {
    const list = byOutcome.get(entry.outcome) ?? [];
    list.push(entry);
    byOutcome.set(entry.outcome, list);
  }

  const auditBefore = context.entries.countAuditRows();
  const at = context.now().toISOString();
  context.db.transaction(() => {
    for (const [outcome, entries] of byOutcome) {
      const previous = new Map(context.entries.listOutcome(outcome).map((e) => [e.country ?? '', e]));
      for (const entry of entries) {
        context.entries.write(entry, previous.get(entry.country ?? '') ?? null, { actor: context.actor, at, action: 'import' });
        previous.delete(entry.country ?? '');
      }
      for (const stale of previous.values()) context.entries.remove(stale, { actor: context.actor, at, action: 'import' });
    }
  })();

  const summary = { rows: parsed.length, outcomes: byOutcome.size, changedValues: context.entries.countAuditRows() - auditBefore };
  context.logger.info('entries imported', { path: context.path, ...summary });
  return summary;
}

/** Parses and validates an entries file against the cycle without writing anything. */
export function readEntriesCsv(cycle: Cycle, text: string): Entry[] {
  let table;
  try {
    table = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvError) throw new PlannerError('invalid-input', withLinePrefix(error.message, error.line));
    throw error;
  }

  const header = table.header.map((h) => h.trim().toLowerCase());
  header.forEach((column, position) => {
    if (column === '') {
      // Spreadsheets save a trailing delimiter or an empty column; allow it while it stays empty.
      const used = table.rows.find((row) => (row.cells[position] ?? '').trim() !== '');
      if (used) {
        throw new PlannerError('invalid-input', `Line ${used.line}: column ${position + 1} has a value but no name in the header; name it or clear it.`);
      }
      return;
    }
    if (!(ENTRY_COLUMNS as readonly string[]).includes(column)) {
      throw new PlannerError('invalid-input', `Line 1: unknown column "${column}"; the columns are ${ENTRY_COLUMNS.join(', ')} (country is optional).`);
    }
    if (header.indexOf(column) !== position) {
      throw new PlannerError('invalid-input', `Line 1: column "${column}" appears twice; keep one ${column} column.`);
    }
  });
  for (const column of REQUIRED_COLUMNS) {
    if (!header.includes(column)) {
      throw new PlannerError('invalid-input', `Line 1: column "${column}" is missing; the header must name ${REQUIRED_COLUMNS.join(', ')} and may add country.`);
    }
  }
  const index = (name: string) => header.indexOf(name);
  // Semicolon files come from French or Spanish spreadsheets, where the comma is the decimal mark.
  const locale = table.delimiter === ';' ? 'fr' : 'en';

  const entries: Entry[] = [];
  const firstLine = new Map<string, number>();
  for (const row of table.rows) {
    // A row of empty cells is what a spreadsheet saves for a blank line; it carries nothing.
    if (row.cells.every((value) => value.trim() === '')) continue;
    const cell = (name: string) => (index(name) >= 0 ? (row.cells[index(name)] ?? '') : '');
    const fail = (message: string): never => {
      throw new PlannerError('invalid-input', `Line ${row.line}: ${message}`);
    };

    const outcome = normaliseOutcomeCode(cycle, cell('outcome'));
    if (outcome === null) {
      fail(`outcome "${cell('outcome').trim()}" is not an outcome of cycle ${cycle.code}; use one of ${cycle.outcomes[0]?.code}…${cycle.outcomes.at(-1)?.code}.`);
    }
    const demand = parseWholeNumber(cell('demand'), { locale });
    if (!demand.ok) fail(`demand: ${demand.message}`);
    const target = parseWholeNumber(cell('target'), { locale });
    if (!target.ok) fail(`target: ${target.message}`);
    const country = cell('country').trim().toUpperCase();

    const entry: Entry = {
      outcome: outcome as string,
      country: country === '' ? null : country,
      demand: demand.ok ? demand.value : null,
      target: target.ok ? target.value : null,
      justification: cell('note').trim(),
    };
    const problem = validateEntry(cycle, entry);
    if (problem) fail(problem);

    const key = `${entry.outcome}:${entry.country ?? ''}`;
    const earlier = firstLine.get(key);
    if (earlier !== undefined) {
      fail(`outcome ${entry.outcome}${entry.country ? ' for ' + entry.country : ''} already appears on line ${earlier}; keep one row for it.`);
    }
    firstLine.set(key, row.line);
    entries.push(entry);
  }

  const mixed = findMixedBreakdown(entries);
  if (mixed !== null) {
    throw new PlannerError(
      'invalid-input',
      `Line ${firstLine.get(`${mixed}:`)}: outcome ${mixed} has a row without a country and rows per member State; use either one total row or one row per State.`,
    );
  }
  return entries;
}

/** Starts a parser message with "Line N: " exactly once, whatever the parser wrote. */
export function withLinePrefix(message: string, line: number): string {
  const rest = message.replace(/^line \d+:\s*/i, '');
  return `Line ${line}: ${rest}`;
}

/** Writes entries in the entries-file layout, so `entries import` reads them back unchanged. */
export function entriesToCsv(entries: readonly Entry[]): string {
  const rows: (string | number | null)[][] = [[...ENTRY_COLUMNS]];
  for (const e of entries) rows.push([e.outcome, e.demand, e.target, e.justification, e.country ?? '']);
  return formatCsv(rows, { lineEnd: '\r\n' });
}

export interface CellEdit {
  outcome: string;
  country: string | null;
  field: EntryField;
  /** A whole number or null (not entered) for demand and target, text for the justification. */
  value: number | string | null;
}

/** Saves one edited cell in its own transaction with its audit row, and returns the entry as stored. */
export function setEntryCell(context: PlannerContext, edit: CellEdit): Entry {
  requireRole(context, 'office', 'editing entries');
  const cycle = cycleOf(context);
  const existing = context.entries.listOutcome(edit.outcome);
  const previous = existing.find((e) => (e.country ?? null) === edit.country) ?? null;
  const next: Entry = previous ? { ...previous } : { outcome: edit.outcome, country: edit.country, demand: null, target: null, justification: '' };

  if (edit.field === 'justification') {
    if (typeof edit.value !== 'string') throw new PlannerError('invalid-input', 'A justification must be text.');
    next.justification = edit.value.trim();
  } else {
    if (edit.value !== null && typeof edit.value !== 'number') {
      throw new PlannerError('invalid-input', `${edit.field} must be a whole number or blank, not "${String(edit.value)}".`);
    }
    next[edit.field] = edit.value;
  }
  const problem = validateEntry(cycle, next);
  if (problem) throw new PlannerError('invalid-input', problem);
  // A blank row of the other kind (whole office or per State) carries nothing, so it gives way.
  // One with figures or a justification must be cleared by the user first.
  const otherKind = existing.filter((e) => (e.country === null) !== (edit.country === null));
  const isBlank = (e: Entry) => e.demand === null && e.target === null && e.justification === '';
  if (otherKind.some((e) => !isBlank(e))) {
    throw new PlannerError(
      'invalid-input',
      `Outcome ${edit.outcome} already has ${edit.country === null ? 'rows per member State' : 'figures for the whole office'}; use either one total row or one row per State.`,
    );
  }

  const audit = { actor: context.actor, at: context.now().toISOString(), action: 'edit' as const };
  context.db.transaction(() => {
    for (const blank of otherKind) context.entries.remove(blank, audit);
    context.entries.write(next, previous, audit);
  })();
  return next;
}

/**
 * Saves several cells in one transaction, so a paste (or the undo of one) is written whole or
 * not at all. Returns the entries as stored after each edit, in order.
 */
export function setEntryCells(context: PlannerContext, edits: readonly CellEdit[]): Entry[] {
  requireRole(context, 'office', 'editing entries');
  return context.db.transaction(() => edits.map((edit) => setEntryCell(context, edit)))();
}
