import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DrilldownOffice } from '../../../../shared/api/views.js';
import type { Amount } from '../../../../shared/domain/types.js';
import { api } from '../../../api/client.js';
import { useHqStore } from '../../../state/hq-store.js';
import { useDateFormat } from './dates.js';

export interface DrilldownTarget {
  outcome: string;
  region: string;
}

type Loaded = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; offices: DrilldownOffice[] };

/**
 * Shows the offices behind one region cell of Table 1. Each office of the region is listed with
 * its accepted revision, when it was signed and its rows for the outcome, or as having sent nothing.
 */
export function DrilldownPanel({ target, onClose }: { target: DrilldownTarget; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const cycle = useHqStore((s) => s.cycle);
  const version = useHqStore((s) => s.version);
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const formatDate = useDateFormat();
  const numberFormat = useMemo(() => new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 0 }), [i18n.language]);

  useEffect(() => {
    let current = true;
    setLoaded({ state: 'loading' });
    api['table.drilldown']({ outcome: target.outcome, region: target.region })
      .then((offices) => {
        if (current) setLoaded({ state: 'ready', offices });
      })
      .catch((error: Error) => {
        if (current) setLoaded({ state: 'error', message: error.message });
      });
    // A newer request (another cell, or a refresh after an import) makes this one's response stale.
    return () => {
      current = false;
    };
  }, [target.outcome, target.region, version]);

  const outcome = cycle?.outcomes.find((o) => o.code === target.outcome);
  const regionName = cycle?.regions.find((r) => r.code === target.region)?.name ?? target.region;
  const amount = (value: Amount) => (value === null ? t('hqTable.drilldown.notEntered') : numberFormat.format(value));

  return (
    <aside className="panel table1-drilldown" data-testid="drilldown" aria-labelledby="table1-drilldown-heading">
      <header className="table1-drilldown-header">
        <h2 id="table1-drilldown-heading">
          {t('hqTable.drilldown.heading', { outcome: target.outcome, title: outcome?.title ?? '', region: regionName })}
        </h2>
        <button type="button" onClick={onClose} data-testid="drilldown-close" aria-label={t('hqTable.drilldown.close')}>
          ×
        </button>
      </header>

      {loaded.state === 'loading' ? <p className="loading">{t('app.loading')}</p> : null}
      {loaded.state === 'error' ? <p className="message message-error">{t('hqTable.drilldown.failed', { message: loaded.message })}</p> : null}
      {loaded.state === 'ready' && loaded.offices.length === 0 ? <p className="muted">{t('hqTable.drilldown.noOffices', { region: regionName })}</p> : null}

      {loaded.state === 'ready' ? (
        <ul className="table1-drilldown-offices">
          {loaded.offices.map((office) => (
            <li
              key={office.officeId}
              data-office={office.officeId}
              className={office.revision === null ? 'table1-drilldown-office table1-drilldown-nothing' : 'table1-drilldown-office'}
            >
              <h3>
                {office.name} <span className="muted">({office.officeId})</span>
              </h3>
              {office.revokedAt !== null ? <p className="table1-drilldown-revoked">{t('hqTable.drilldown.revoked', { date: formatDate(office.revokedAt) })}</p> : null}
              {office.revision === null ? (
                <p className="table1-drilldown-missing">{t('hqTable.drilldown.nothingReceived')}</p>
              ) : (
                <>
                  <p className="table1-drilldown-revision" data-testid="drilldown-revision">
                    {t('hqTable.drilldown.revision', { revision: office.revision, signed: formatDate(office.signedAt) })}
                  </p>
                  {office.entries.length === 0 ? (
                    <p className="table1-drilldown-missing">{t('hqTable.drilldown.noRows')}</p>
                  ) : (
                    <table className="table1-drilldown-entries">
                      <thead>
                        <tr>
                          <th scope="col">{t('hqTable.drilldown.state')}</th>
                          <th scope="col">{t('hqTable.demand')}</th>
                          <th scope="col">{t('hqTable.target')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {office.entries.map((entry) => (
                          <tr key={entry.country ?? ''} data-country={entry.country ?? ''}>
                            <th scope="row">{entry.country ?? t('hqTable.wholeOffice')}</th>
                            <td className={entry.demand === null ? 'table1-drilldown-blank' : undefined}>{amount(entry.demand)}</td>
                            <td className={entry.target === null ? 'table1-drilldown-blank' : undefined}>{amount(entry.target)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  )}
                  {office.entries
                    .filter((entry) => entry.justification !== '')
                    .map((entry) => (
                      <p key={`j-${entry.country ?? ''}`} className="table1-drilldown-justification">
                        <strong>{t('hqTable.drilldown.justification', { state: entry.country ?? t('hqTable.wholeOffice') })}</strong> {entry.justification}
                      </p>
                    ))}
                </>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </aside>
  );
}
