import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { useHqStore } from '../../state/hq-store.js';
import { errorMessage } from './trust/formatting.js';
import { RegistrationCard, type LoadedRegistration } from './trust/RegistrationCard.js';
import { RegistrationDrop } from './trust/RegistrationDrop.js';
import { TrustedOffices } from './trust/TrustedOffices.js';
import { TrustHistory } from './trust/TrustHistory.js';

/**
 * Headquarters' trust store: add an office from its key registration file after checking the
 * fingerprint, replace or revoke a key, and see every change made.
 */
export function TrustTab() {
  const { t } = useTranslation();
  const [checking, setChecking] = useState<string | null>(null);
  const [registration, setRegistration] = useState<LoadedRegistration | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  // Counts the files read, so that only the preview of the latest one is shown.
  const latestRead = useRef(0);

  const check = async (fileName: string, text: string) => {
    const read = ++latestRead.current;
    setChecking(fileName);
    setRegistration(null);
    setError(null);
    setMessage(null);
    try {
      const preview = await api['trust.preview']({ text });
      if (read === latestRead.current) setRegistration({ fileName, text, preview });
    } catch (caught) {
      if (read === latestRead.current) setError(errorMessage(caught));
    } finally {
      if (read === latestRead.current) setChecking(null);
    }
  };

  const showError = (text: string) => {
    latestRead.current += 1;
    setChecking(null);
    setRegistration(null);
    setMessage(null);
    setError(text);
  };

  const done = async (text: string) => {
    setRegistration(null);
    setMessage(text);
    await useHqStore.getState().refresh();
  };

  return (
    <div className="trust-tab" data-testid="trust-tab">
      <section className="panel trust-add" aria-labelledby="trust-add-heading">
        <h2 id="trust-add-heading">{t('hqTrust.addHeading')}</h2>
        <p className="hint">{t('hqTrust.addIntro')}</p>
        <RegistrationDrop disabled={checking !== null} onText={(fileName, text) => void check(fileName, text)} onError={showError} />
        <div aria-live="polite">
          {checking ? <p className="muted">{t('hqTrust.checking', { file: checking })}</p> : null}
          {error ? (
            <p className="message message-error" role="alert" data-testid="trust-error">
              {error}
            </p>
          ) : null}
          {message ? (
            <p className="message message-ok" role="status" data-testid="trust-message">
              {message}
            </p>
          ) : null}
        </div>
        {registration ? <RegistrationCard key={`${registration.fileName}:${registration.preview.keyFingerprint}`} registration={registration} onDone={(text) => void done(text)} onClose={() => setRegistration(null)} /> : null}
      </section>
      <TrustedOffices />
      <TrustHistory />
    </div>
  );
}
