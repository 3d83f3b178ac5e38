/** @jsxRuntime automatic @jsxImportSource react */
import { useTranslation } from 'react-i18next';
import type { StatusReport } from '../../shared/reports/models.js';
import { pageRule } from './format.js';
import { OfficeCells, OfficeHeaderCells } from './OfficeCells.js';

/** Renders who has submitted what: every trusted office, its last accepted revision and what is missing. */
export function StatusReportView({ report }: { report: StatusReport }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const printed = `${t('print.statusFooter', { cycle: report.cycleLabel })} · ${new Date(report.generatedAt).toLocaleString(locale)}`;
  const pageCss = pageRule({
    orientation: 'portrait',
    margin: '14mm 12mm 16mm',
    footer: printed,
    footerStyle: 'font-size: 7.5pt; font-family: sans-serif;',
    pageLabel: t('print.pageLabel'),
    pageOf: t('print.pageOf'),
  });
  return (
    <article className="report report-status">
      <style dangerouslySetInnerHTML={{ __html: pageCss }} />
      <h1>{t('print.statusTitle', { cycle: report.cycleLabel })}</h1>
      <table>
        <thead>
          <tr>
            <OfficeHeaderCells />
            <th className="number">{t('print.missingDemand')}</th>
            <th className="number">{t('print.missingTarget')}</th>
          </tr>
        </thead>
        <tbody>
          {report.offices.map((office) => {
            const missing = report.missing[office.officeId];
            return (
              <tr key={office.officeId} className={office.revision === null ? 'flag' : undefined}>
                <OfficeCells office={office} regions={report.regions} />
                <td className="number">{missing?.demand ?? ''}</td>
                <td className="number">{missing?.target ?? ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </article>
  );
}
