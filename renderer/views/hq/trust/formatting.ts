import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useHqStore } from '../../../state/hq-store.js';

/** Returns a function that gives a region's name from the cycle, or its code while the cycle loads. */
export function useRegionName(): (code: string | null) => string {
  const cycle = useHqStore((s) => s.cycle);
  return useCallback((code: string | null) => (code === null ? '' : (cycle?.regions.find((r) => r.code === code)?.name ?? code)), [cycle]);
}

/** Returns a function that formats an ISO 8601 timestamp as a date and time in the UI language. */
export function useDateTime(): (iso: string | null) => string {
  const { i18n } = useTranslation();
  const format = useMemo(() => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }), [i18n.language]);
  return useCallback((iso: string | null) => (iso === null ? '' : format.format(new Date(iso))), [format]);
}

/** Returns the message of a caught API error, which the services write as a sentence for the user. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
