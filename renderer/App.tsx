import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSessionStore } from './state/session-store.js';
import { SetupView } from './views/SetupView.js';
import { OfficeView } from './views/OfficeView.js';
import { HqView } from './views/hq/HqView.js';
import { formatFingerprint } from '../shared/domain/fingerprint.js';
import { commitPendingEdits } from './grid/grid-handle.js';
import { PRINT_EVENT } from './views/ExportMenu.js';

/** Chooses the screen from the installation's state: set-up, office or headquarters. */
export function App() {
  const { t } = useTranslation();
  const status = useSessionStore((s) => s.status);
  const error = useSessionStore((s) => s.error);
  const refresh = useSessionStore((s) => s.refresh);
  const [wasSetup, setWasSetup] = useState(false);
  const [acknowledged, setAcknowledged] = useState(false);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // Whatever the screen, the shell requests that pending edits be committed before it closes.
  useEffect(
    () =>
      window.planner?.onCommand((command) => {
        if (command === 'flush') void commitPendingEdits().finally(() => window.planner?.flushed());
        // The menu's Print opens the report preview of whichever screen is showing.
        if (command === 'print') window.dispatchEvent(new Event(PRINT_EVENT));
      }),
    [],
  );

  useEffect(() => {
    if (status?.state === 'setup') setWasSetup(true);
  }, [status?.state]);

  if (error) return <p className="message message-error">{t('app.unreachable', { message: error })}</p>;
  if (!status) return <p className="loading">{t('app.loading')}</p>;
  if (status.state === 'setup' || !status.profile) return <SetupView status={status} />;

  const profile = status.profile;
  if (profile.role === 'office' && wasSetup && !acknowledged) {
    return (
      <section className="setup setup-done" data-testid="setup-done">
        <h1>{t('setup.done')}</h1>
        <p className="fingerprint-large">
          <code data-testid="new-fingerprint">{formatFingerprint(profile.keyFingerprint ?? '')}</code>
        </p>
        <p>{t('setup.fingerprintHint')}</p>
        <button type="button" className="primary" onClick={() => setAcknowledged(true)}>
          {t('setup.continue')}
        </button>
      </section>
    );
  }
  return profile.role === 'office' ? <OfficeView profile={profile} /> : <HqView profile={profile} />;
}
