import { useCallback, useMemo } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * Returns a formatter of ISO timestamps as date and time in the interface language. Null gives
 * an empty string, and a value that is not a date is shown as it is.
 */
export function useDateFormat(): (iso: string | null) => string {
  const { i18n } = useTranslation();
  const format = useMemo(() => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }), [i18n.language]);
  return useCallback(
    (iso: string | null) => {
      if (iso === null) return '';
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : format.format(date);
    },
    [format],
  );
}

/**
 * Describes how long ago a timestamp was, in whole minutes, hours or days ("3 days"), rounded
 * down. A time in the future (a clock set ahead at the office) reads as "less than a minute".
 */
export function formatAge(t: TFunction, language: string, iso: string, now: Date): string {
  const elapsed = now.getTime() - new Date(iso).getTime();
  if (Number.isNaN(elapsed)) return '';
  if (elapsed < MINUTE_MS) return t('hqCompleteness.age.justNow');
  const [unit, size] = elapsed < HOUR_MS ? (['minute', MINUTE_MS] as const) : elapsed < 2 * DAY_MS ? (['hour', HOUR_MS] as const) : (['day', DAY_MS] as const);
  return new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'long' }).format(Math.floor(elapsed / size));
}
