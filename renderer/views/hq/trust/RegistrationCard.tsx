import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegistrationPreviewView } from '../../../../shared/api/contract.js';
import { api } from '../../../api/client.js';
import { formatFingerprint } from '../../../../shared/domain/fingerprint.js';
import { Fingerprint } from './Fingerprint.js';
import { errorMessage, useRegionName } from './formatting.js';

export interface LoadedRegistration {
  fileName: string;
  text: string;
  preview: RegistrationPreviewView;
}

/**
 * Shows what a registration file would change, with the one action its status allows. A new
 * office can be trusted, and a key replaced after the office id is typed again. Other statuses only explain.
 */
export function RegistrationCard({ registration, onDone, onClose }: { registration: LoadedRegistration; onDone: (message: string) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const regionName = useRegionName();
  const { preview, text, fileName } = registration;
  const [typedId, setTypedId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Office ids are upper case, so a confirmation typed in lower case still names the same office.
  const confirmation = typedId.trim().toUpperCase();
  const confirmed = confirmation === preview.officeId;

  const trust = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await api['trust.add']({ text });
      const fingerprint = formatFingerprint(result.keyFingerprint);
      onDone(result.added ? t('hqTrust.trusted', { id: result.officeId, fingerprint }) : t('hqTrust.status.already-trusted', { id: result.officeId }));
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };

  const replace = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await api['trust.replace']({ text, confirmOfficeId: confirmation });
      onDone(t('hqTrust.replaced', { id: result.officeId, fingerprint: formatFingerprint(result.keyFingerprint) }));
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };

  let statusClass = 'message trust-status-warning';
  if (preview.status === 'new') statusClass = 'message';
  if (preview.status === 'already-trusted') statusClass = 'message message-ok';

  return (
    <section className="panel trust-preview" data-testid="trust-preview" data-status={preview.status} aria-labelledby="trust-preview-heading">
      <h3 id="trust-preview-heading">{t('hqTrust.previewHeading', { file: fileName })}</h3>
      <dl className="trust-facts">
        <dt>{t('hqTrust.officeId')}</dt>
        <dd data-testid="preview-office-id">{preview.officeId}</dd>
        <dt>{t('hqTrust.officeName')}</dt>
        <dd data-testid="preview-office-name">{preview.officeName}</dd>
        <dt>{t('hqTrust.region')}</dt>
        <dd data-testid="preview-region">{regionName(preview.region)}</dd>
        <dt>{t('hqTrust.fingerprint')}</dt>
        <dd>
          <Fingerprint className="trust-fingerprint-large" testId="preview-fingerprint" value={preview.keyFingerprint} />
        </dd>
      </dl>
      <p className="hint">{t('hqTrust.fingerprintHint')}</p>
      <p className={statusClass} data-testid="preview-status">
        {t(`hqTrust.status.${preview.status}`, { id: preview.officeId, other: preview.otherOffice ?? '' })}
      </p>

      {preview.status === 'key-change' ? (
        <div className="trust-key-change">
          <dl className="trust-facts">
            <dt>{t('hqTrust.currentFingerprint')}</dt>
            <dd>
              <Fingerprint className="trust-fingerprint-large" testId="preview-current-fingerprint" value={preview.currentFingerprint ?? ''} />
            </dd>
            <dt>{t('hqTrust.newFingerprint')}</dt>
            <dd>
              <Fingerprint className="trust-fingerprint-large" testId="preview-new-fingerprint" value={preview.keyFingerprint} />
            </dd>
          </dl>
          <label className="trust-confirm">
            {t('hqTrust.confirmLabel', { id: preview.officeId })}
            <input data-testid="confirm-office-id" value={typedId} onChange={(event) => setTypedId(event.target.value)} autoComplete="off" spellCheck={false} disabled={busy} />
          </label>
        </div>
      ) : null}

      <div className="actions">
        {preview.status === 'new' ? (
          <button type="button" className="primary" data-testid="trust-add" disabled={busy} onClick={() => void trust()}>
            {busy ? t('hqTrust.trusting') : t('hqTrust.trust')}
          </button>
        ) : null}
        {preview.status === 'key-change' ? (
          <button type="button" className="primary" data-testid="trust-replace" disabled={busy || !confirmed} onClick={() => void replace()}>
            {busy ? t('hqTrust.replacing') : t('hqTrust.replace')}
          </button>
        ) : null}
        <button type="button" data-testid="trust-close" disabled={busy} onClick={onClose}>
          {t('hqTrust.close')}
        </button>
      </div>
      {error ? (
        <p className="message message-error" role="alert" data-testid="trust-action-error">
          {error}
        </p>
      ) : null}
    </section>
  );
}
