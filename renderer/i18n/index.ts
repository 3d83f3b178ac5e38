import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json' with { type: 'json' };
import enHqCharts from './locales/en-hq-charts.json' with { type: 'json' };
import enHqCompleteness from './locales/en-hq-completeness.json' with { type: 'json' };
import enHqImport from './locales/en-hq-import.json' with { type: 'json' };
import enHqReconcile from './locales/en-hq-reconcile.json' with { type: 'json' };
import enHqTable from './locales/en-hq-table.json' with { type: 'json' };
import enHqTrust from './locales/en-hq-trust.json' with { type: 'json' };
import enPrint from './locales/en-print.json' with { type: 'json' };

/** Languages with a catalogue, and their writing direction. */
export const LANGUAGES = { en: 'ltr' } as const;
export type Language = keyof typeof LANGUAGES;

// Each headquarters view keeps its strings in a file of its own, under its own top-level key.
const english = { ...en, ...enHqCharts, ...enHqCompleteness, ...enHqImport, ...enHqReconcile, ...enHqTable, ...enHqTrust, ...enPrint };

void i18next.use(initReactI18next).init({
  resources: { en: { translation: english } },
  lng: 'en',
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});

i18next.on('languageChanged', (language) => {
  // The CLI renders the printed reports with these catalogues under Node, where there is no page.
  const page = (globalThis as { document?: { documentElement: { lang: string; dir: string } } }).document;
  if (!page) return;
  page.documentElement.lang = language;
  page.documentElement.dir = LANGUAGES[language as Language] ?? 'ltr';
});

export default i18next;
