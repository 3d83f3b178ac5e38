import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.js';
import { useApiResult } from '../../../api/use-api-result.js';
import { useHqStore } from '../../../state/hq-store.js';
import { Fingerprint } from './Fingerprint.js';
import { errorMessage, useDateTime, useRegionName } from './formatting.js';

/** Lists the trust store as a table, with a Revoke action that requires confirmation first. */
export function TrustedOffices() {
  const { t } = useTranslation();
  const version = useHqStore((s) => s.version);
  const regionName = useRegionName();
  const dateTime = useDateTime();
  const list = useApiResult(() => api['trust.list']({}), [version]);
  const offices = list.data;
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [revokeError, setRevokeError] = useState<string | null>(null);
  const error = revokeError ?? list.error;

  const revoke = async (officeId: string) => {
    setBusy(true);
    setRevokeError(null);
    setMessage(null);
    try {
      await api['trust.revoke']({ officeId });
      setMessage(t('hqTrust.revokedMessage', { id: officeId }));
      setConfirming(null);
      await useHqStore.getState().refresh();
    } catch (caught) {
      setRevokeError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  const columnCount = 7;

  return (
    <section className="panel trust-list" aria-labelledby="trust-list-heading">
      <h2 id="trust-list-heading">{t('hqTrust.listHeading')}</h2>
      {message ? (
        <p className="message message-ok" role="status" data-testid="revoke-message">
          {message}
        </p>
      ) : null}
      {error ? (
        <p className="message message-error" role="alert" data-testid="trust-list-error">
          {error}
        </p>
      ) : null}
      {offices !== null && offices.length === 0 ? <p className="muted">{t('hqTrust.listEmpty')}</p> : null}
      {offices !== null && offices.length > 0 ? (
        <table className="trust-table" data-testid="trusted-offices">
          <thead>
            <tr>
              <th scope="col">{t('hqTrust.column.officeId')}</th>
              <th scope="col">{t('hqTrust.column.name')}</th>
              <th scope="col">{t('hqTrust.column.region')}</th>
              <th scope="col">{t('hqTrust.column.fingerprint')}</th>
              <th scope="col">{t('hqTrust.column.added')}</th>
              <th scope="col">{t('hqTrust.column.revoked')}</th>
              <th scope="col">{t('hqTrust.column.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {offices.map((office) => (
              <Fragment key={office.officeId}>
                <tr data-office-id={office.officeId} className={office.revokedAt ? 'trust-row-revoked' : undefined}>
                  <td className="trust-nowrap">{office.officeId}</td>
                  <td>{office.name}</td>
                  <td className="trust-nowrap">{regionName(office.region)}</td>
                  <td>
                    <Fingerprint className="trust-fingerprint" testId="office-fingerprint" value={office.keyFingerprint ?? ''} />
                  </td>
                  <td className="trust-nowrap">{dateTime(office.addedAt)}</td>
                  <td className="trust-nowrap" data-testid="office-revoked">{office.revokedAt ? dateTime(office.revokedAt) : t('hqTrust.notRevoked')}</td>
                  <td>
                    {office.revokedAt === null ? (
                      <button type="button" data-testid="revoke" disabled={busy || confirming === office.officeId} onClick={() => setConfirming(office.officeId)}>
                        {t('hqTrust.revoke')}
                      </button>
                    ) : null}
                  </td>
                </tr>
                {confirming === office.officeId ? (
                  <tr className="trust-confirm-row">
                    <td colSpan={columnCount}>
                      <div role="group" aria-label={t('hqTrust.revokeYes', { id: office.officeId })} data-testid="revoke-confirmation">
                        <p>{t('hqTrust.revokeConfirm', { id: office.officeId })}</p>
                        <div className="actions">
                          <button type="button" className="trust-danger" data-testid="revoke-confirm" disabled={busy} onClick={() => void revoke(office.officeId)}>
                            {busy ? t('hqTrust.revoking') : t('hqTrust.revokeYes', { id: office.officeId })}
                          </button>
                          <button type="button" data-testid="revoke-cancel" disabled={busy} onClick={() => setConfirming(null)}>
                            {t('hqTrust.cancel')}
                          </button>
                        </div>
                      </div>
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
