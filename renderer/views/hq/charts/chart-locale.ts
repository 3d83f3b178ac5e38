import type { i18n as I18n } from 'i18next';
import { AG_CHARTS_LOCALE_EN_US } from 'ag-charts-community';

/**
 * Builds AG Charts' `locale.localeText` from the `hqCharts.library` catalogue entries, on top of
 * the library's English for the keys the catalogue leaves out. The entries keep AG Charts'
 * `${name}` placeholders, because AG Charts fills them in.
 * NOTE: AG Charts 14.2 ignores a change of `locale.getLocaleText` for texts it has already
 * written, so this passes `localeText`. It still writes the hidden label of the plot area
 * ("interactive chart") before it reads any locale option, so that label stays in English
 * until the chart first gets keyboard focus.
 */
export function chartLocaleText(i18n: I18n): Record<string, string> {
  const entries: unknown = i18n.t('hqCharts.library', { returnObjects: true });
  const texts: Record<string, string> = { ...AG_CHARTS_LOCALE_EN_US };
  if (typeof entries === 'object' && entries !== null) {
    for (const [key, text] of Object.entries(entries)) {
      if (typeof text === 'string') texts[key] = text;
    }
  }
  return texts;
}
