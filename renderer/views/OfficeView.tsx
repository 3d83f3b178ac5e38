import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfileView } from '../../shared/api/contract.js';
import type { ShellCommand } from '../../shared/api/transport.js';
import type { WholeNumberLocale } from '../../shared/numbers.js';
import { EntryGrid } from '../grid/EntryGrid.js';
import { commitPendingEdits } from '../grid/grid-handle.js';
import { usePlanStore, type PasteReport } from '../state/plan-store.js';
import { CheckPanel } from './CheckPanel.js';
import { ExportPanel } from './ExportPanel.js';
import { formatFingerprint } from '../../shared/domain/fingerprint.js';
import { StateBreakdownForm } from './StateBreakdownForm.js';
import { ExportMenu } from './ExportMenu.js';

/** Renders the field office's working screen: the entry grid, the checks and the exports. */
export function OfficeView({ profile }: { profile: ProfileView }) {
  const { t, i18n } = useTranslation();
  const cycle = usePlanStore((s) => s.cycle);
  const loaded = usePlanStore((s) => s.loaded);
  const load = usePlanStore((s) => s.load);
  const undo = usePlanStore((s) => s.undo);
  const redo = usePlanStore((s) => s.redo);
  const canUndo = usePlanStore((s) => s.undoStack.length > 0);
  const canRedo = usePlanStore((s) => s.redoStack.length > 0);
  const cellStatus = usePlanStore((s) => s.cellStatus);
  const [pasteReport, setPasteReport] = useState<PasteReport | null>(null);
  const [exportRequest, setExportRequest] = useState<{ kind: 'bundle' | 'key'; at: number } | null>(null);

  useEffect(() => {
    void load();
  }, [load]);

  const locale = (['en', 'fr', 'es', 'ar'].includes(i18n.language) ? i18n.language : 'en') as WholeNumberLocale;

  // The latest cell that could not be saved, announced in words beside the grid.
  const problem = useMemo(() => {
    const entries = Object.entries(cellStatus).filter(([, s]) => s.state === 'invalid' || s.state === 'failed');
    const last = entries.at(-1);
    if (!last) return null;
    const [key, status] = last;
    const [rowId, field] = key.split('|');
    const text = status.state === 'invalid' ? t('grid.invalid', { message: status.message }) : status.state === 'failed' ? t('grid.failed', { message: status.message }) : '';
    return `${t('grid.cellLabel', { row: rowId, column: t(`grid.${field}`) })}: ${text}`;
  }, [cellStatus, t]);

  const onCommand = useCallback(
    (command: ShellCommand) => {
      // Inside a text editor, the menu's Undo and Redo act on the text being typed.
      const editing = document.activeElement instanceof HTMLInputElement || document.activeElement instanceof HTMLTextAreaElement;
      if (command === 'undo') {
        if (editing) document.execCommand('undo');
        else void undo();
      } else if (command === 'redo') {
        if (editing) document.execCommand('redo');
        else void redo();
      } else if (command === 'export-bundle') setExportRequest({ kind: 'bundle', at: Date.now() });
      else if (command === 'export-key') setExportRequest({ kind: 'key', at: Date.now() });
      else if (command === 'check') void commitPendingEdits().then(() => document.getElementById('check-heading')?.scrollIntoView());
    },
    [undo, redo],
  );

  useEffect(() => window.planner?.onCommand(onCommand), [onCommand]);

  if (!loaded || !cycle) return <p className="loading">{t('app.loading')}</p>;
  const regionName = cycle.regions.find((r) => r.code === profile.office?.region)?.name ?? profile.office?.region ?? '';

  return (
    <div className="office-view">
      <header className="view-header">
        <h1 data-testid="office-heading">
          {t('office.heading', { name: profile.office?.name, id: profile.office?.id, region: regionName, cycle: profile.cycle })}
        </h1>
        <p className="fingerprint">
          {t('office.fingerprint')}: <code data-testid="fingerprint">{formatFingerprint(profile.keyFingerprint ?? '')}</code>
        </p>
      </header>
      <div className="toolbar">
        <button type="button" onClick={() => void undo()} disabled={!canUndo} data-testid="undo">
          {t('office.undo')}
        </button>
        <button type="button" onClick={() => void redo()} disabled={!canRedo} data-testid="redo">
          {t('office.redo')}
        </button>
        <ExportMenu reports={['summary']} />
        <StateBreakdownForm />
      </div>
      <div className="office-body">
        <main className="grid-area">
          <EntryGrid locale={locale} onPasteReport={setPasteReport} />
          <div className="notices" aria-live="polite">
            {problem ? (
              <p className="message message-error" data-testid="cell-problem">
                {problem}
              </p>
            ) : null}
            {pasteReport ? (
              <div className="message" data-testid="paste-report">
                <p>{t('grid.pasteReport', { written: pasteReport.written })}</p>
                {pasteReport.rejected.length > 0 ? (
                  <>
                    <p>{t('grid.pasteRejected', { count: pasteReport.rejected.length })}</p>
                    <ul>
                      {pasteReport.rejected.map((r) => (
                        <li key={`${r.rowId}|${r.field}`}>
                          {t('grid.cellLabel', { row: r.rowId, column: t(`grid.${r.field}`) })}: {r.message}
                        </li>
                      ))}
                    </ul>
                  </>
                ) : null}
                {pasteReport.skipped > 0 ? <p>{t('grid.pasteSkipped', { count: pasteReport.skipped })}</p> : null}
              </div>
            ) : null}
          </div>
        </main>
        <aside className="side">
          <ExportPanel exportRequest={exportRequest} />
          <CheckPanel />
        </aside>
      </div>
    </div>
  );
}
