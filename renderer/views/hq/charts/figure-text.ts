import type { TFunction } from 'i18next';
import type { AmountSum } from '../../../../shared/domain/amounts.js';

/**
 * Formats a summed figure for tooltips and the text summary: "not entered" when no part was
 * entered, and the number with the count of missing parts when the sum is partial.
 */
export function figureText(t: TFunction, numbers: Intl.NumberFormat, sum: AmountSum): string {
  if (sum.value === null) return t('hqCharts.notEntered');
  const value = numbers.format(sum.value);
  if (sum.missing === 0) return value;
  return t('hqCharts.partial', { value, count: sum.missing, parts: sum.entered + sum.missing });
}
