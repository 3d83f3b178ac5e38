import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';

/** Languages with a catalogue, and their writing direction. */
export const LANGUAGES = { en: 'ltr' } as const;
export type Language = keyof typeof LANGUAGES;

void i18next.use(initReactI18next).init({
  resources: { en: { translation: en } },
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
