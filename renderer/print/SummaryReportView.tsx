/** @jsxRuntime automatic @jsxImportSource react */
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { SummaryReport } from '../../shared/reports/models.js';
import { formatFingerprint } from '../../shared/domain/fingerprint.js';
import { figure, pageRule, total } from './format.js';

/**
 * Renders the office summary on A4 portrait: the plan with its rule status, and on every page the key
 * fingerprint and the hash of the last exported bundle, so paper and file can be matched.
 */
export function SummaryReportView({ report }: { report: SummaryReport }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const footer = [
    `${t('print.keyFingerprint')}: ${formatFingerprint(report.keyFingerprint)}`,
    report.lastExport
      ? `${t(report.lastExport.matchesPlan ? 'print.bundleHash' : 'print.bundleHashChanged', { revision: report.lastExport.revision })}: ${report.lastExport.fileSha256}`
      : t('print.noBundle'),
  ].join('\n');
  const pageCss = pageRule({
    orientation: 'portrait',
    margin: '14mm 12mm 22mm',
    footer,
    footerStyle: 'white-space: pre; font-size: 7pt; font-family: monospace;',
    pageLabel: t('print.pageLabel'),
    pageOf: t('print.pageOf'),
  });

  let objective = '';
  return (
    <article className="report report-summary">
      <style dangerouslySetInnerHTML={{ __html: pageCss }} />
      <h1>{t('print.summaryTitle', { name: report.officeName, id: report.officeId })}</h1>
      {report.lastExport && !report.lastExport.matchesPlan ? (
        <p className="flag" data-testid="plan-changed">
          {t('print.planChanged', { revision: report.lastExport.revision })}
        </p>
      ) : null}
      <dl className="report-meta">
        <dt>{t('print.region')}</dt>
        <dd>{report.regionName}</dd>
        <dt>{t('print.cycle')}</dt>
        <dd>{report.cycleLabel}</dd>
        <dt>{t('print.revision')}</dt>
        <dd>{report.lastExport ? t('print.revisionValue', { revision: report.lastExport.revision, date: new Date(report.lastExport.exportedAt).toLocaleString(locale) }) : t('print.notExported')}</dd>
        <dt>{t('print.printed')}</dt>
        <dd>{new Date(report.generatedAt).toLocaleString(locale)}</dd>
      </dl>
      <table>
        <thead>
          <tr>
            <th>{t('print.outcome')}</th>
            <th>{t('print.state')}</th>
            <th className="number">{t('print.demand')}</th>
            <th className="number">{t('print.target')}</th>
            <th>{t('print.justification')}</th>
            <th>{t('print.status')}</th>
          </tr>
        </thead>
        <tbody>
          {report.rows.map((row) => {
            const header = row.objectiveName !== objective;
            objective = row.objectiveName;
            return (
              <Fragment key={`${row.outcome}:${row.country ?? ''}`}>
                {header ? (
                  <tr className="group-row">
                    <td colSpan={6}>{row.objectiveName}</td>
                  </tr>
                ) : null}
                <tr>
                  <td>
                    {row.outcome} {row.title}
                  </td>
                  <td>{row.country ?? ''}</td>
                  <td className="number">{figure(row.demand, locale)}</td>
                  <td className="number">{figure(row.target, locale)}</td>
                  <td className="justification">{row.justification}</td>
                  <td className={`status-${row.status}`}>{t(`print.statuses.${row.status}`)}</td>
                </tr>
              </Fragment>
            );
          })}
          <tr className="totals-row">
            <td colSpan={2}>{t('print.totals')}</td>
            <td className="number">{total(report.totals.demand, locale)}</td>
            <td className="number">{total(report.totals.target, locale)}</td>
            <td colSpan={2} />
          </tr>
        </tbody>
      </table>
      {report.totals.demand.missing + report.totals.target.missing > 0 ? (
        <p className="note">{t('print.totalsNote', { demand: report.totals.demand.missing, target: report.totals.target.missing })}</p>
      ) : null}
      <section className="report-section">
        <h2>{t('print.rules')}</h2>
        {report.issues.length === 0 ? (
          <p>{t('print.rulesMet')}</p>
        ) : (
          <ul>
            {report.issues.map((issue, i) => (
              <li key={i} className={issue.blocking ? 'flag' : undefined}>
                {issue.blocking ? `${t('print.blocking')}: ` : ''}
                {issue.text}
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
