import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import enHqCharts from './locales/en-hq-charts.json';
import enHqCompleteness from './locales/en-hq-completeness.json';
import enHqImport from './locales/en-hq-import.json';
import enHqReconcile from './locales/en-hq-reconcile.json';
import enHqTable from './locales/en-hq-table.json';
import enHqTrust from './locales/en-hq-trust.json';

/** Languages with a catalogue, and their writing direction. */
export const LANGUAGES = { en: 'ltr' } as const;
export type Language = keyof typeof LANGUAGES;

// Each headquarters view keeps its strings in a file of its own, under its own top-level key.
const english = { ...en, ...enHqCharts, ...enHqCompleteness, ...enHqImport, ...enHqReconcile, ...enHqTable, ...enHqTrust };

void i18next.use(initReactI18next).init({
  resources: { en: { translation: english } },
  lng: 'en',
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});

i18next.on('languageChanged', (language) => {
  document.documentElement.lang = language;
  document.documentElement.dir = LANGUAGES[language as Language] ?? 'ltr';
});

export default i18next;
