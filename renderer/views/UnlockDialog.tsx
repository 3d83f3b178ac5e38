import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSessionStore } from '../state/session-store.js';

/** Asks for the passphrase that protects the office key, where the system has no key store. */
export function UnlockDialog({ onClose }: { onClose: (unlocked: boolean) => void }) {
  const { t } = useTranslation();
  const unlock = useSessionStore((s) => s.unlock);
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    try {
      await unlock(passphrase);
      onClose(true);
    } catch (caught) {
      setError((caught as Error).message);
    }
  };

  return (
    <div className="modal" role="dialog" aria-modal="true" aria-labelledby="unlock-heading">
      <form className="modal-body" onSubmit={(e) => void submit(e)}>
        <h2 id="unlock-heading">{t('unlock.heading')}</h2>
        <p>{t('unlock.intro')}</p>
        <input type="password" autoFocus value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoComplete="current-password" />
        {error ? <p className="message message-error">{error}</p> : null}
        <div className="actions">
          <button type="submit" className="primary">
            {t('unlock.submit')}
          </button>
          <button type="button" onClick={() => onClose(false)}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
