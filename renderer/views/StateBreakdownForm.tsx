import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import { usePlanStore } from '../state/plan-store.js';

/** Adds a member-State row under an outcome, which then shows the sum of its States. */
export function StateBreakdownForm() {
  const { t } = useTranslation();
  const cycle = usePlanStore((s) => s.cycle);
  const entries = usePlanStore((s) => s.entries);
  const load = usePlanStore((s) => s.load);
  const [outcome, setOutcome] = useState('');
  const [country, setCountry] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (!cycle) return null;

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const code = country.trim().toUpperCase();
    if (!/^[A-Z]{3}$/.test(code)) {
      setError(t('office.addStateInvalid', { value: country }));
      return;
    }
    const whole = entries.find((e) => e.outcome === outcome && e.country === null);
    if (whole && (whole.demand !== null || whole.target !== null || whole.justification !== '')) {
      setError(t('office.addStateHasTotal', { outcome }));
      return;
    }
    try {
      await api['entries.setCell']({ outcome, country: code, field: 'justification', value: '' });
      setError(null);
      setCountry('');
      await load();
    } catch (caught) {
      setError((caught as Error).message);
    }
  };

  return (
    <form className="state-form" onSubmit={(e) => void submit(e)}>
      <label>
        {t('office.addState')}{' '}
        <select value={outcome} onChange={(e) => setOutcome(e.target.value)} required aria-label={t('grid.outcome')}>
          <option value="">{t('setup.choose')}</option>
          {cycle.outcomes.map((o) => (
            <option key={o.code} value={o.code}>
              {o.code} {o.title}
            </option>
          ))}
        </select>
      </label>
      <input value={country} onChange={(e) => setCountry(e.target.value)} placeholder={t('office.countryPlaceholder')} size={5} maxLength={3} aria-label={t('office.addStatePrompt', { outcome })} required />
      <button type="submit">{t('office.addStateButton')}</button>
      {error ? <span className="message message-error">{error}</span> : null}
    </form>
  );
}
