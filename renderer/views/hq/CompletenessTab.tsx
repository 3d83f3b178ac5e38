import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompletenessCell, OfficeContribution } from '../../../shared/api/views.js';
import { useHqStore } from '../../state/hq-store.js';
import { formatAge, useDateFormat } from './table/dates.js';

function missingOf(cell: CompletenessCell | undefined): number {
  return cell ? cell.demandMissing + cell.targetMissing : 0;
}

/**
 * Shows every trusted office with the revision headquarters has accepted and its age, sets apart
 * the offices that sent nothing, and shows a matrix of the figures each office left blank.
 */
export function CompletenessTab() {
  const { t, i18n } = useTranslation();
  const cycle = useHqStore((s) => s.cycle);
  const completeness = useHqStore((s) => s.completeness);
  const formatDate = useDateFormat();

  const offices = useMemo(() => {
    if (!cycle || !completeness) return [];
    const regionPosition = new Map(cycle.regions.map((r) => [r.code, r.position]));
    const position = (office: OfficeContribution) => regionPosition.get(office.region) ?? Number.MAX_SAFE_INTEGER;
    return [...completeness.offices].sort((a, b) => position(a) - position(b) || a.officeId.localeCompare(b.officeId));
  }, [cycle, completeness]);

  if (!cycle || !completeness) return <p className="loading">{t('app.loading')}</p>;

  const now = new Date();
  const regionName = (code: string) => cycle.regions.find((r) => r.code === code)?.name ?? code;
  const senders = offices.filter((office) => office.revision !== null);
  const silent = offices.filter((office) => office.revision === null);
  const cellOf = (outcome: string, officeId: string) => completeness.matrix[outcome]?.[officeId];

  const describeCell = (cell: CompletenessCell | undefined): string => {
    if (!cell || cell.rows === 0) return t('hqCompleteness.matrix.noRow');
    const parts: string[] = [];
    if (cell.demandMissing > 0) parts.push(t('hqCompleteness.matrix.demandMissing', { count: cell.demandMissing }));
    if (cell.targetMissing > 0) parts.push(t('hqCompleteness.matrix.targetMissing', { count: cell.targetMissing }));
    if (parts.length === 0) return cell.rows > 1 ? t('hqCompleteness.matrix.completeStates', { count: cell.rows }) : t('hqCompleteness.matrix.complete');
    return parts.join(', ');
  };

  return (
    <div className="completeness-tab">
      <section aria-labelledby="completeness-offices-heading">
        <h2 id="completeness-offices-heading">{t('hqCompleteness.offices.heading')}</h2>
        <p data-testid="completeness-summary">
          {t('hqCompleteness.offices.summary', { count: offices.length, received: senders.length })}{' '}
          {silent.length > 0 ? <strong className="completeness-silent-count">{t('hqCompleteness.offices.silent', { count: silent.length })}</strong> : null}
        </p>
        {offices.length === 0 ? <p className="muted">{t('hqCompleteness.offices.none')}</p> : null}
        {offices.length > 0 ? (
          <table className="completeness-offices" data-testid="completeness-offices">
            <thead>
              <tr>
                <th scope="col">{t('hqCompleteness.offices.region')}</th>
                <th scope="col">{t('hqCompleteness.offices.office')}</th>
                <th scope="col">{t('hqCompleteness.offices.revision')}</th>
                <th scope="col">{t('hqCompleteness.offices.signed')}</th>
                <th scope="col">{t('hqCompleteness.offices.imported')}</th>
                <th scope="col">{t('hqCompleteness.offices.age')}</th>
                <th scope="col">{t('hqCompleteness.offices.status')}</th>
              </tr>
            </thead>
            <tbody>
              {offices.map((office) => {
                const classes = ['completeness-office'];
                if (office.revision === null) classes.push('completeness-nothing');
                if (office.revokedAt !== null) classes.push('completeness-revoked');
                return (
                  <tr key={office.officeId} className={classes.join(' ')} data-office={office.officeId}>
                    <td>{regionName(office.region)}</td>
                    <th scope="row">
                      {office.name} <span className="muted">({office.officeId})</span>
                    </th>
                    <td data-field="revision">{office.revision ?? ''}</td>
                    <td data-field="signed">{formatDate(office.signedAt)}</td>
                    <td data-field="imported">{formatDate(office.importedAt)}</td>
                    <td data-field="age">{office.signedAt ? formatAge(t, i18n.language, office.signedAt, now) : ''}</td>
                    <td data-field="status">
                      {office.revision === null ? (
                        <span className="completeness-nothing-text">{t('hqCompleteness.offices.nothingReceived')}</span>
                      ) : office.revokedAt === null ? (
                        <span>{t('hqCompleteness.offices.received')}</span>
                      ) : null}
                      {office.revokedAt !== null ? (
                        <span className="completeness-revoked-text">{t('hqCompleteness.offices.revoked', { date: formatDate(office.revokedAt) })}</span>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : null}
      </section>

      <section aria-labelledby="completeness-matrix-heading">
        <h2 id="completeness-matrix-heading">{t('hqCompleteness.matrix.heading')}</h2>
        {senders.length === 0 ? (
          <p className="muted">{t('hqCompleteness.matrix.empty')}</p>
        ) : (
          <>
            <p className="hint">{t('hqCompleteness.matrix.intro')}</p>
            <div className="completeness-matrix-scroll">
              <table className="completeness-matrix" data-testid="completeness-matrix">
                <thead>
                  <tr>
                    <th scope="col">{t('hqCompleteness.matrix.outcome')}</th>
                    {senders.map((office) => (
                      <th key={office.officeId} scope="col" data-office={office.officeId}>
                        {office.officeId}
                        <br />
                        <span className="muted">{regionName(office.region)}</span>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {cycle.outcomes.map((outcome) => (
                    <tr key={outcome.code} data-outcome={outcome.code}>
                      <th scope="row">
                        {outcome.code} {outcome.title}
                      </th>
                      {senders.map((office) => {
                        const cell = cellOf(outcome.code, office.officeId);
                        const missing = !cell || cell.rows === 0 || missingOf(cell) > 0;
                        return (
                          <td
                            key={office.officeId}
                            data-office={office.officeId}
                            className={missing ? 'completeness-cell completeness-missing' : 'completeness-cell completeness-complete'}
                          >
                            {describeCell(cell)}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{t('hqCompleteness.matrix.count')}</th>
                    {senders.map((office) => {
                      const count = cycle.outcomes.reduce((sum, outcome) => sum + missingOf(cellOf(outcome.code, office.officeId)), 0);
                      return (
                        <td key={office.officeId} data-office={office.officeId} data-testid="completeness-count" className={count > 0 ? 'completeness-count completeness-missing' : 'completeness-count'}>
                          {t('hqCompleteness.matrix.notEntered', { count })}
                        </td>
                      );
                    })}
                  </tr>
                </tfoot>
              </table>
            </div>
            {silent.length > 0 ? (
              <p className="hint" data-testid="completeness-silent-note">
                {t('hqCompleteness.matrix.silentNote', { offices: silent.map((o) => o.officeId).join(', ') })}
              </p>
            ) : null}
          </>
        )}
      </section>
    </div>
  );
}
