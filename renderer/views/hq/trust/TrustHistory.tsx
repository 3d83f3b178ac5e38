import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.js';
import { useApiResult } from '../../../api/use-api-result.js';
import { useHqStore } from '../../../state/hq-store.js';
import { Fingerprint } from './Fingerprint.js';
import { useDateTime } from './formatting.js';

/** Lists every change to the trust store, newest first: additions, key replacements and revocations. */
export function TrustHistory() {
  const { t } = useTranslation();
  const version = useHqStore((s) => s.version);
  const dateTime = useDateTime();
  const { data: events, error } = useApiResult(async () => [...(await api['trust.events']({}))].reverse(), [version]);

  return (
    <section className="panel trust-history" aria-labelledby="trust-history-heading">
      <h2 id="trust-history-heading">{t('hqTrust.historyHeading')}</h2>
      {error ? <p className="message message-error">{error}</p> : null}
      {events !== null && events.length === 0 ? <p className="muted">{t('hqTrust.historyEmpty')}</p> : null}
      {events !== null && events.length > 0 ? (
        <table className="trust-table" data-testid="trust-events">
          <thead>
            <tr>
              <th scope="col">{t('hqTrust.historyColumn.at')}</th>
              <th scope="col">{t('hqTrust.historyColumn.actor')}</th>
              <th scope="col">{t('hqTrust.historyColumn.officeId')}</th>
              <th scope="col">{t('hqTrust.historyColumn.action')}</th>
              <th scope="col">{t('hqTrust.historyColumn.oldFingerprint')}</th>
              <th scope="col">{t('hqTrust.historyColumn.newFingerprint')}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr key={event.id} data-action={event.action} data-office-id={event.officeId}>
                <td className="trust-nowrap">{dateTime(event.at)}</td>
                <td>{event.actor}</td>
                <td className="trust-nowrap">{event.officeId}</td>
                <td>{t(`hqTrust.action.${event.action}`)}</td>
                <td>
                  <Fingerprint className="trust-fingerprint" value={event.oldFingerprint ?? ''} />
                </td>
                <td>
                  <Fingerprint className="trust-fingerprint" value={event.newFingerprint ?? ''} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
