import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportKind } from '../../shared/api/views.js';
import type { Report } from '../../shared/reports/models.js';
import { api } from '../api/client.js';
import { commitPendingEdits } from '../grid/grid-handle.js';
import { PRINT_CSS } from '../print/print-css.js';
import { SummaryReportView } from '../print/SummaryReportView.js';
import { TableReportView } from '../print/TableReportView.js';
import { StatusReportView } from '../print/StatusReportView.js';

/**
 * A report as it will print, over the application. Printing uses the system dialog; the print
 * stylesheet hides everything but the report. Save as PDF has the host print the
 * same markup with its browser engine.
 */
export function ReportPreview({ kind, onClose }: { kind: ReportKind; onClose: () => void }) {
  const { t } = useTranslation();
  const [report, setReport] = useState<Report | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  useEffect(() => {
    // Edits still being typed or saved belong on paper too.
    void commitPendingEdits()
      .then(() => api['report.get']({ kind }))
      .then(setReport)
      .catch((error: Error) => setMessage({ kind: 'error', text: error.message }));
  }, [kind]);

  const savePdf = async () => {
    try {
      const result = await api['report.savePdf']({ kind });
      if ('cancelled' in result) setMessage({ kind: 'ok', text: t('office.cancelled') });
      else setMessage({ kind: 'ok', text: t('report.saved', { file: result.fileName, pages: result.pages }) });
    } catch (error) {
      setMessage({ kind: 'error', text: (error as Error).message });
    }
  };

  return (
    <div className="report-preview" role="dialog" aria-modal="true" aria-label={t(`report.${kind}`)} data-testid="report-preview">
      <style>{PRINT_CSS}</style>
      <div className="report-actions no-print">
        <button type="button" className="primary" onClick={() => window.print()} disabled={!report} data-testid="print">
          {t('report.print')}
        </button>
        <button type="button" onClick={() => void savePdf()} disabled={!report} data-testid="save-pdf">
          {t('report.savePdf')}
        </button>
        <button type="button" onClick={onClose}>
          {t('report.close')}
        </button>
        {message ? (
          <span className={`message message-${message.kind}`} role="status">
            {message.text}
          </span>
        ) : null}
      </div>
      {report?.kind === 'summary' ? <SummaryReportView report={report} /> : null}
      {report?.kind === 'table' ? <TableReportView report={report} /> : null}
      {report?.kind === 'status' ? <StatusReportView report={report} /> : null}
    </div>
  );
}
