import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportKind } from '../../shared/api/views.js';
import { api } from '../api/client.js';
import { commitPendingEdits } from '../grid/grid-handle.js';
import { ReportPreview } from './ReportPreview.js';

/** Window event that tells the toolbar to open its first report's preview (the menu's Print). */
export const PRINT_EVENT = 'planner-print';

/** Print and spreadsheet export buttons: reports to paper or PDF, data to CSV, XLSX or JSON. */
export function ExportMenu({ reports }: { reports: ReportKind[] }) {
  const { t } = useTranslation();
  const [preview, setPreview] = useState<ReportKind | null>(null);

  useEffect(() => {
    const open = () => setPreview(reports[0] ?? null);
    window.addEventListener(PRINT_EVENT, open);
    return () => window.removeEventListener(PRINT_EVENT, open);
  }, [reports]);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const exportAs = async (format: 'csv' | 'xlsx' | 'json') => {
    try {
      await commitPendingEdits();
      const result = await api['export.file']({ format });
      if ('cancelled' in result) setMessage({ kind: 'ok', text: t('office.cancelled') });
      else setMessage({ kind: 'ok', text: t('report.exported', { file: result.fileName, rows: result.rows }) });
    } catch (error) {
      setMessage({ kind: 'error', text: (error as Error).message });
    }
  };

  return (
    <div className="export-menu">
      {reports.map((kind) => (
        <button key={kind} type="button" onClick={() => setPreview(kind)} data-testid={`report-${kind}`}>
          {t(`report.${kind}`)}
        </button>
      ))}
      {(['csv', 'xlsx', 'json'] as const).map((format) => (
        <button key={format} type="button" onClick={() => void exportAs(format)} data-testid={`export-${format}`}>
          {t(`report.export.${format}`)}
        </button>
      ))}
      {message ? (
        <span className={`message message-${message.kind}`} role="status" data-testid="export-file-message">
          {message.text}
        </span>
      ) : null}
      {preview ? <ReportPreview kind={preview} onClose={() => setPreview(null)} /> : null}
    </div>
  );
}
