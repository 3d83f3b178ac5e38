/** @jsxRuntime automatic @jsxImportSource react */
import { useTranslation } from 'react-i18next';
import type { StatusReport } from '../../shared/reports/models.js';
import { cssString } from './format.js';

/** Who has submitted what: every trusted office, its last accepted revision and what is missing. */
export function StatusReportView({ report }: { report: StatusReport }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const printed = `${t('print.statusFooter', { cycle: report.cycleLabel })} · ${new Date(report.generatedAt).toLocaleString(locale)}`;
  const pageCss = `@page { size: A4 portrait; margin: 14mm 12mm 16mm; @bottom-left { content: ${cssString(printed)}; font-size: 7.5pt; font-family: sans-serif; } @bottom-right { content: ${cssString(t('print.pageLabel'))} " " counter(page) " " ${cssString(t('print.pageOf'))} " " counter(pages); font-size: 8pt; font-family: sans-serif; } }`;
  return (
    <article className="report report-status">
      <style dangerouslySetInnerHTML={{ __html: pageCss }} />
      <h1>{t('print.statusTitle', { cycle: report.cycleLabel })}</h1>
      <table>
        <thead>
          <tr>
            <th>{t('print.office')}</th>
            <th>{t('print.region')}</th>
            <th className="number">{t('print.revision')}</th>
            <th>{t('print.signed')}</th>
            <th>{t('print.imported')}</th>
            <th className="number">{t('print.missingDemand')}</th>
            <th className="number">{t('print.missingTarget')}</th>
          </tr>
        </thead>
        <tbody>
          {report.offices.map((office) => {
            const missing = report.missing[office.officeId];
            return (
              <tr key={office.officeId} className={office.revision === null ? 'flag' : undefined}>
                <td>
                  {office.officeId} {office.name}
                  {office.revokedAt ? ` (${t('print.revoked')})` : ''}
                </td>
                <td>{report.regions.find((r) => r.code === office.region)?.name ?? office.region}</td>
                <td className="number">{office.revision ?? t('print.nothingReceived')}</td>
                <td>{office.signedAt ? new Date(office.signedAt).toLocaleString(locale) : ''}</td>
                <td>{office.importedAt ? new Date(office.importedAt).toLocaleString(locale) : ''}</td>
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
