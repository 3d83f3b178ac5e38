/** @jsxRuntime automatic @jsxImportSource react */
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import i18n from '../renderer/i18n/index.js';
import { SummaryReportView } from '../renderer/print/SummaryReportView.js';
import { TableReportView } from '../renderer/print/TableReportView.js';
import { StatusReportView } from '../renderer/print/StatusReportView.js';
import type { Report } from '../shared/reports/models.js';
import { PRINT_CSS } from '../renderer/print/print-css.js';


/** Renders a report to a standalone HTML document with the same components the app prints. */
export function reportHtml(report: Report): string {
  const body =
    report.kind === 'summary' ? (
      <SummaryReportView report={report} />
    ) : report.kind === 'table' ? (
      <TableReportView report={report} />
    ) : (
      <StatusReportView report={report} />
    );
  const markup = renderToStaticMarkup(<I18nextProvider i18n={i18n}>{body}</I18nextProvider>);
  return `<!doctype html><html lang="${i18n.language}" dir="${i18n.dir()}"><head><meta charset="utf-8"><title>Outcome Planner</title><style>${PRINT_CSS}</style></head><body>${markup}</body></html>`;
}
