/** @jsxRuntime automatic @jsxImportSource react */
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { TableReport } from '../../shared/reports/models.js';
import type { FlatRow } from '../../shared/domain/table-format.js';
import { figure, pageRule } from './format.js';
import { OfficeCells, OfficeHeaderCells } from './OfficeCells.js';

/** Table 1 on A4 landscape, laid out like the published paper, with the offices it is built from. */
export function TableReportView({ report }: { report: TableReport }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const printed = `${t('print.tableFooter', { cycle: report.cycleLabel })} · ${new Date(report.generatedAt).toLocaleString(locale)}`;
  const pageCss = pageRule({
    orientation: 'landscape',
    margin: '12mm 10mm 16mm',
    footer: printed,
    footerStyle: 'font-size: 7.5pt; font-family: sans-serif;',
    pageLabel: t('print.pageLabel'),
    pageOf: t('print.pageOf'),
  });
  const columns = ['total', ...report.regions.map((r) => r.code)];
  const byOutcome = new Map(report.rows.map((row) => [row.outcome, row]));
  const notComparable = new Set(report.notComparable.map((n) => n.outcome));

  const cells = (row: FlatRow) =>
    columns.flatMap((column) => {
      const demand = row.values[`${column}_demand`] ?? null;
      const target = row.values[`${column}_target`] ?? null;
      const flagged = row.outcome !== 'total' && !notComparable.has(row.outcome) && demand !== null && target !== null && target > demand;
      return [
        <td key={`${column}_demand`} className="number">
          {figure(demand, locale)}
        </td>,
        <td key={`${column}_target`} className={flagged ? 'number flag' : 'number'}>
          {figure(target, locale)}
          {flagged ? '†' : ''}
        </td>,
      ];
    });

  return (
    <article className="report report-table">
      <style dangerouslySetInnerHTML={{ __html: pageCss }} />
      <h1>{t('print.tableTitle', { cycle: report.cycleLabel })}</h1>
      <table>
        <thead>
          <tr>
            <th rowSpan={2}>{t('print.outcome')}</th>
            <th colSpan={2}>{t('print.totals')}</th>
            {report.regions.map((r) => (
              <th key={r.code} colSpan={2}>
                {r.name}
              </th>
            ))}
          </tr>
          <tr>
            {columns.map((column) => (
              <Fragment key={column}>
                <th className="number">{t('print.demandShort')}</th>
                <th className="number">{t('print.targetShort')}</th>
              </Fragment>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.objectives.map((objective) => (
            <Fragment key={objective.name}>
              <tr className="group-row">
                <td colSpan={1 + columns.length * 2}>{objective.name}</td>
              </tr>
              {objective.outcomes.map((code) => {
                const row = byOutcome.get(code);
                if (!row) return null;
                return (
                  <tr key={code}>
                    <td>
                      {t('print.outcomeLabel', { code, title: row.title })}
                      {notComparable.has(code) ? ' ‡' : ''}
                    </td>
                    {cells(row)}
                  </tr>
                );
              })}
            </Fragment>
          ))}
          {report.totals ? (
            <tr className="totals-row">
              <td>{t('print.totals')}</td>
              {cells(report.totals)}
            </tr>
          ) : null}
        </tbody>
      </table>
      <p className="note">{t('print.tableNotes')}</p>
      {report.notComparable.length > 0 ? (
        <ul className="note">
          {report.notComparable.map((n) => (
            <li key={n.outcome}>
              ‡ {n.outcome}: {n.note}
            </li>
          ))}
        </ul>
      ) : null}
      <section className="report-section">
        <h2>{t('print.sources')}</h2>
        <table>
          <thead>
            <tr>
              <OfficeHeaderCells />
            </tr>
          </thead>
          <tbody>
            {report.offices.map((office) => (
              <tr key={office.officeId}>
                <OfficeCells office={office} regions={report.regions} />
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </article>
  );
}
