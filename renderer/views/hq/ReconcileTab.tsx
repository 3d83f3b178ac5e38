import { useMemo, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CsvError, parseCsv } from '../../../shared/csv.js';
import type { Mismatch, MismatchKind } from '../../../shared/domain/reconcile.js';
import { parseTableCsv, TableFormatError, type FlatTable } from '../../../shared/domain/table-format.js';
import { useHqStore } from '../../state/hq-store.js';
import { describeMismatch } from './table/describe.js';
import { showTable1Cell } from './table/table-handle.js';

const KINDS: readonly MismatchKind[] = ['row-sum', 'column-sum', 'cell'];

/** A published table file that could not be read, with the line the parser stopped at. */
interface ParseProblem {
  fileName: string;
  line: number | null;
  message: string;
}

// The parsers start their messages with the line number, which the tab shows on its own.
function withoutLinePrefix(message: string): string {
  return message.replace(/^line \d+(?::|,)\s*/i, '');
}

function parsePublished(text: string, regionCodes: readonly string[]): FlatTable {
  return parseTableCsv(parseCsv(text), regionCodes);
}

/**
 * Loads a published Table 1 (the `table --format csv` layout) from a file chosen or dropped.
 * Lists every total that is not the sum of its parts and every cell that differs from the
 * consolidated figures, each with a link to the cell in the table.
 */
export function ReconcileTab({ onShowTable }: { onShowTable: () => void }) {
  const { t, i18n } = useTranslation();
  const cycle = useHqStore((s) => s.cycle);
  const table = useHqStore((s) => s.table);
  const published = useHqStore((s) => s.published);
  const mismatches = useHqStore((s) => s.mismatches);
  const setPublished = useHqStore((s) => s.setPublished);
  const [problem, setProblem] = useState<ParseProblem | null>(null);
  const [dragging, setDragging] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const numberFormat = useMemo(() => new Intl.NumberFormat(i18n.language, { useGrouping: true, maximumFractionDigits: 0 }), [i18n.language]);

  const byKind = useMemo(() => {
    const groups = new Map<MismatchKind, Mismatch[]>(KINDS.map((kind) => [kind, []]));
    for (const mismatch of mismatches) groups.get(mismatch.kind)?.push(mismatch);
    return groups;
  }, [mismatches]);
  const internal = (byKind.get('row-sum')?.length ?? 0) + (byKind.get('column-sum')?.length ?? 0);
  const againstDatabase = byKind.get('cell')?.length ?? 0;

  // Cells the table shows: the outcome rows and the totals row. A published row for an unknown outcome has no cell.
  const shownRows = useMemo(() => new Set([...(table?.rows.map((r) => r.outcome) ?? []), 'total']), [table]);

  async function load(file: File): Promise<void> {
    if (!cycle) return;
    setProblem(null);
    let text: string;
    try {
      text = await file.text();
    } catch (error) {
      setProblem({ fileName: file.name, line: null, message: (error as Error).message });
      return;
    }
    try {
      const parsed = parsePublished(text, cycle.regions.map((r) => r.code));
      setPublished({ fileName: file.name, table: parsed });
    } catch (error) {
      if (error instanceof CsvError || error instanceof TableFormatError) {
        setProblem({ fileName: file.name, line: error.line, message: withoutLinePrefix(error.message) });
        return;
      }
      setProblem({ fileName: file.name, line: null, message: (error as Error).message });
    }
  }

  function onDrop(event: DragEvent<HTMLDivElement>): void {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void load(file);
  }

  function showCell(mismatch: Mismatch): void {
    onShowTable();
    showTable1Cell(mismatch.outcome, mismatch.column);
  }

  function clear(): void {
    setPublished(null);
    setProblem(null);
    if (inputRef.current) inputRef.current.value = '';
  }

  if (!cycle) return <p className="loading">{t('app.loading')}</p>;

  return (
    <div className="reconcile-tab">
      <div
        className={dragging ? 'reconcile-drop reconcile-drop-active' : 'reconcile-drop'}
        data-testid="reconcile-drop"
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p>{t('hqReconcile.intro')}</p>
        <label className="reconcile-file">
          <span>{t('hqReconcile.choose')}</span>{' '}
          <input
            ref={inputRef}
            type="file"
            accept=".csv,text/csv"
            data-testid="reconcile-file"
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) void load(file);
            }}
          />
        </label>
        <p className="hint">{t('hqReconcile.dropHint')}</p>
      </div>

      {problem ? (
        <p className="message message-error" role="alert" data-testid="reconcile-error">
          {problem.line === null
            ? t('hqReconcile.unreadable', { file: problem.fileName, message: problem.message })
            : t('hqReconcile.parseError', { file: problem.fileName, line: problem.line, message: problem.message })}
        </p>
      ) : null}

      {published ? (
        <section className="reconcile-result" aria-labelledby="reconcile-heading">
          <div className="reconcile-result-header">
            <h2 id="reconcile-heading">{t('hqReconcile.heading', { file: published.fileName })}</h2>
            <button type="button" onClick={clear} data-testid="reconcile-clear">
              {t('hqReconcile.clear')}
            </button>
          </div>
          <p data-testid="reconcile-summary">
            {t('hqReconcile.summaryInternal', { count: internal })} {t('hqReconcile.summaryDatabase', { count: againstDatabase })}
          </p>
          {table && table.offices.length === 0 ? <p className="hint">{t('hqReconcile.noOffices')}</p> : null}
          {mismatches.length === 0 ? <p className="message message-ok">{t('hqReconcile.allAgree')}</p> : null}

          {KINDS.map((kind) => {
            const list = byKind.get(kind) ?? [];
            if (list.length === 0) return null;
            return (
              <section key={kind} className="reconcile-group" data-kind={kind} data-testid={`reconcile-group-${kind}`}>
                <h3>
                  {t(`hqReconcile.kind.${kind}`)} <span className="reconcile-count" data-testid="reconcile-count">{list.length}</span>
                </h3>
                <p className="hint">{t(`hqReconcile.kindHint.${kind}`)}</p>
                <ul className="reconcile-list">
                  {list.map((mismatch) => (
                    <li key={`${mismatch.outcome}|${mismatch.column}`} className="reconcile-item" data-kind={kind} data-outcome={mismatch.outcome} data-column={mismatch.column}>
                      <span className="reconcile-sentence">{describeMismatch(t, cycle, numberFormat, mismatch)}</span>
                      {shownRows.has(mismatch.outcome) ? (
                        <button type="button" className="link reconcile-show" onClick={() => showCell(mismatch)}>
                          {t('hqReconcile.show')}
                        </button>
                      ) : (
                        <span className="hint">{t('hqReconcile.notInTable')}</span>
                      )}
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
        </section>
      ) : null}
    </div>
  );
}
