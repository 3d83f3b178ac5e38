import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionStatus } from '../../shared/api/contract.js';
import { useSessionStore } from '../state/session-store.js';

/** First run: choose office or headquarters; an office gives its id, name and region. */
export function SetupView({ status }: { status: SessionStatus }) {
  const { t } = useTranslation();
  const setUp = useSessionStore((s) => s.setUp);
  const [role, setRole] = useState<'office' | 'hq'>('office');
  const [cycleCode, setCycleCode] = useState(status.cycles.at(-1)?.code ?? '');
  const [officeId, setOfficeId] = useState('');
  const [officeName, setOfficeName] = useState('');
  const [region, setRegion] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const cycle = useMemo(() => status.cycles.find((c) => c.code === cycleCode), [status.cycles, cycleCode]);
  const needsPassphrase = role === 'office' && status.keyProtection === 'passphrase';

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (needsPassphrase && passphrase !== repeat) {
      setError(t('setup.passphraseMismatch'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await setUp({
        role,
        cycle: cycleCode,
        office: role === 'office' ? { id: officeId.trim().toUpperCase(), name: officeName.trim(), region } : null,
        passphrase: needsPassphrase ? passphrase : null,
      });
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="setup" onSubmit={(e) => void submit(e)} data-testid="setup-form">
      <h1>{t('setup.heading')}</h1>
      <p>{t('setup.intro')}</p>
      <fieldset>
        <label className="choice">
          <input type="radio" name="role" value="office" checked={role === 'office'} onChange={() => setRole('office')} />
          <strong>{t('setup.roleOffice')}</strong> — {t('setup.roleOfficeHint')}
        </label>
        <label className="choice">
          <input type="radio" name="role" value="hq" checked={role === 'hq'} onChange={() => setRole('hq')} />
          <strong>{t('setup.roleHq')}</strong> — {t('setup.roleHqHint')}
        </label>
      </fieldset>
      <label>
        {t('setup.cycle')}
        <select name="cycle" value={cycleCode} onChange={(e) => setCycleCode(e.target.value)} required>
          {status.cycles.map((c) => (
            <option key={c.code} value={c.code}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      {role === 'office' ? (
        <>
          <label>
            {t('setup.officeId')}
            <input name="officeId" value={officeId} onChange={(e) => setOfficeId(e.target.value)} required pattern="[A-Za-z0-9][A-Za-z0-9\-]{1,31}" autoComplete="off" />
            <small>{t('setup.officeIdHint')}</small>
          </label>
          <label>
            {t('setup.officeName')}
            <input name="officeName" value={officeName} onChange={(e) => setOfficeName(e.target.value)} required maxLength={200} />
          </label>
          <label>
            {t('setup.region')}
            <select name="region" value={region} onChange={(e) => setRegion(e.target.value)} required>
              <option value="">{t('setup.choose')}</option>
              {cycle?.regions.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.name}
                </option>
              ))}
            </select>
          </label>
          {needsPassphrase ? (
            <>
              <p className="hint">{t('setup.passphraseHint')}</p>
              <label>
                {t('setup.passphrase')}
                <input type="password" name="passphrase" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} minLength={10} required autoComplete="new-password" />
              </label>
              <label>
                {t('setup.passphraseRepeat')}
                <input type="password" name="repeat" value={repeat} onChange={(e) => setRepeat(e.target.value)} minLength={10} required autoComplete="new-password" />
              </label>
            </>
          ) : null}
        </>
      ) : null}
      {error ? (
        <p className="message message-error" role="alert" data-testid="setup-error">
          {error}
        </p>
      ) : null}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('setup.creating') : t('setup.create')}
      </button>
    </form>
  );
}
