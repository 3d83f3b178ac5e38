import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFingerprint } from '../../shared/domain/fingerprint.js';
import type { ExportView } from '../../shared/api/contract.js';
import { isPlannerError } from '../../shared/api/errors.js';
import { blocksExport, checkPlan } from '../../shared/domain/rules.js';
import { api } from '../api/client.js';
import { commitPendingEdits } from '../grid/grid-handle.js';
import { usePlanStore } from '../state/plan-store.js';
import { UnlockDialog } from './UnlockDialog.js';

type Message = { kind: 'ok' | 'error' | 'info'; text: string };

/** Bundle and key export with the history of exported revisions. Export waits for pending edits. */
export function ExportPanel({ exportRequest }: { exportRequest: { kind: 'bundle' | 'key'; at: number } | null }) {
  const { t, i18n } = useTranslation();
  const cycle = usePlanStore((s) => s.cycle);
  const entries = usePlanStore((s) => s.entries);
  const [history, setHistory] = useState<ExportView[]>([]);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);
  const [unlockFor, setUnlockFor] = useState<'bundle' | 'key' | null>(null);
  const blockers = useMemo(() => (cycle ? checkPlan(cycle, entries).filter(blocksExport) : []), [cycle, entries]);

  const loadHistory = useCallback(async () => setHistory(await api['bundle.history']({})), []);
  useEffect(() => {
    void loadHistory();
  }, [loadHistory]);

  const run = useCallback(
    async (kind: 'bundle' | 'key') => {
      setBusy(true);
      setMessage(null);
      try {
        await commitPendingEdits();
        if (kind === 'bundle') {
          const current = usePlanStore.getState();
          if (current.cycle && checkPlan(current.cycle, current.entries).some(blocksExport)) return;
          const result = await api['bundle.export']({});
          if ('cancelled' in result) setMessage({ kind: 'info', text: t('office.cancelled') });
          else setMessage({ kind: 'ok', text: t('office.exported', { revision: result.revision, file: result.fileName, fingerprint: formatFingerprint(result.keyFingerprint) }) });
          await loadHistory();
        } else {
          const result = await api['key.export']({});
          if ('cancelled' in result) setMessage({ kind: 'info', text: t('office.cancelled') });
          else setMessage({ kind: 'ok', text: t('office.keyExported', { file: result.fileName, fingerprint: formatFingerprint(result.keyFingerprint) }) });
        }
      } catch (error) {
        if (isPlannerError(error) && error.code === 'key-locked') setUnlockFor(kind);
        else setMessage({ kind: 'error', text: (error as Error).message });
      } finally {
        setBusy(false);
      }
    },
    [loadHistory, t],
  );

  useEffect(() => {
    if (exportRequest) void run(exportRequest.kind);
  }, [exportRequest, run]);

  const dateFormat = useMemo(() => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }), [i18n.language]);

  return (
    <section className="panel export-panel" aria-labelledby="export-heading">
      <h2 id="export-heading">{t('office.history')}</h2>
      <div className="actions">
        <button type="button" className="primary" data-testid="export-bundle" disabled={busy || blockers.length > 0} onClick={() => void run('bundle')}>
          {busy ? t('office.exporting') : t('office.exportBundle')}
        </button>
        <button type="button" data-testid="export-key" disabled={busy} onClick={() => void run('key')}>
          {t('office.exportKey')}
        </button>
      </div>
      {blockers.length > 0 ? (
        <p className="message message-error" data-testid="export-blocked">
          {t('office.exportBlocked', { count: blockers.length })}
        </p>
      ) : null}
      {message ? (
        <p className={`message message-${message.kind}`} role="status" data-testid="export-message">
          {message.text}
        </p>
      ) : null}
      {history.length === 0 ? (
        <p className="muted">{t('office.historyEmpty')}</p>
      ) : (
        <ul className="history" data-testid="export-history">
          {[...history].reverse().map((h) => (
            <li key={h.revision}>{t('office.historyRow', { revision: h.revision, date: dateFormat.format(new Date(h.exportedAt)), file: h.fileName })}</li>
          ))}
        </ul>
      )}
      {unlockFor ? (
        <UnlockDialog
          onClose={(unlocked) => {
            const kind = unlockFor;
            setUnlockFor(null);
            if (unlocked) void run(kind);
          }}
        />
      ) : null}
    </section>
  );
}
