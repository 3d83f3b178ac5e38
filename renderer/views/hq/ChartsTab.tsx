import { lazy, Suspense, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AmountSum } from '../../../shared/domain/amounts.js';
import { useHqStore } from '../../state/hq-store.js';
import { outcomeData, regionData, type ChartDatum, type ChartMode } from './charts/chart-data.js';
import { ChartErrorBoundary } from './charts/ChartErrorBoundary.js';
import { figureText } from './charts/figure-text.js';

// AG Charts 14.2 adds about 1.2 MB of minified script (vite build output), so the chart loads
// when this tab first opens rather than with every window, the office window included.
// NOTE: this lazy load was tested under the web host only. The desktop app fetches the chunk
// from file://, as it does the entry module.
const DemandTargetChart = lazy(() => import('./charts/DemandTargetChart.js').then((module) => ({ default: module.DemandTargetChart })));

/** Value of the region select that stands for all regions together. */
const ALL_REGIONS = '';

function isPartial(sum: AmountSum): boolean {
  return sum.value !== null && sum.missing > 0;
}

/** Returns which figures of a category have no bar because nothing was entered, or null when both have one. */
function blankSide(d: ChartDatum): 'both' | 'demand' | 'target' | null {
  const demand = d.demandSum.value === null;
  const target = d.targetSum.value === null;
  if (demand && target) return 'both';
  if (demand) return 'demand';
  if (target) return 'target';
  return null;
}

/**
 * Demand against target as a bar chart, by region or by outcome, with the same figures as text
 * underneath for screen readers and print.
 */
export function ChartsTab() {
  const { t, i18n } = useTranslation();
  const table = useHqStore((s) => s.table);
  const cycle = useHqStore((s) => s.cycle);
  const error = useHqStore((s) => s.error);
  const [mode, setMode] = useState<ChartMode>('region');
  const [region, setRegion] = useState(ALL_REGIONS);
  const headingId = useId();
  const summaryId = useId();

  const data = useMemo<ChartDatum[]>(() => {
    if (!table || !cycle) return [];
    return mode === 'region' ? regionData(table, cycle) : outcomeData(table, region === ALL_REGIONS ? null : region);
  }, [table, cycle, mode, region]);

  // The hq view shows the store's error above the tabs.
  if (!table || !cycle) return error ? null : <p className="loading">{t('app.loading')}</p>;

  if (table.offices.length === 0) {
    return (
      <div className="charts-tab">
        <h2>{t('hqCharts.heading.region')}</h2>
        <p className="charts-empty" data-testid="charts-empty">
          {t('hqCharts.empty')}
        </p>
      </div>
    );
  }

  const numbers = new Intl.NumberFormat(i18n.language);
  const regionName = cycle.regions.find((r) => r.code === region)?.name ?? t('hqCharts.allRegions');
  const heading = mode === 'region' ? t('hqCharts.heading.region') : t('hqCharts.heading.outcome', { region: regionName });
  const blankNotes = data.flatMap((d) => {
    const side = blankSide(d);
    return side ? [t(`hqCharts.blank.${side}`, { category: d.category })] : [];
  });
  const hasPartial = data.some((d) => isPartial(d.demandSum) || isPartial(d.targetSum));
  // A region without an imported plan counts no missing figures, so sums over all regions
  // would leave it out without a partial mark.
  const regionsWithoutPlan =
    mode === 'outcome' && region === ALL_REGIONS ? cycle.regions.filter((r) => !table.offices.some((o) => o.region === r.code)).map((r) => r.name) : [];

  return (
    <div className="charts-tab">
      <h2 id={headingId}>{heading}</h2>
      <div className="charts-controls">
        <fieldset className="charts-mode">
          <legend>{t('hqCharts.modeLabel')}</legend>
          {(['region', 'outcome'] as const).map((value) => (
            <label key={value}>
              <input type="radio" name="charts-mode" value={value} checked={mode === value} onChange={() => setMode(value)} data-testid={`charts-mode-${value}`} />
              {t(`hqCharts.mode.${value}`)}
            </label>
          ))}
        </fieldset>
        {mode === 'outcome' ? (
          <label className="charts-region">
            {t('hqCharts.regionLabel')}
            <select value={region} onChange={(event) => setRegion(event.target.value)} data-testid="charts-region">
              <option value={ALL_REGIONS}>{t('hqCharts.allRegions')}</option>
              {cycle.regions.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      <figure className="charts-figure" aria-labelledby={headingId} aria-describedby={summaryId}>
        <ChartErrorBoundary fallback={(caught) => <p className="message message-error">{t('hqCharts.chartFailed', { message: caught.message })}</p>}>
          <Suspense fallback={<p className="loading">{t('hqCharts.chartLoading')}</p>}>
            <DemandTargetChart data={data} categoryTitle={t(`hqCharts.axis.${mode}`)} />
          </Suspense>
        </ChartErrorBoundary>
      </figure>
      {blankNotes.length > 0 ? (
        <p className="charts-note" data-testid="charts-blank">
          {t('hqCharts.blankNote', { list: new Intl.ListFormat(i18n.language).format(blankNotes) })}
        </p>
      ) : null}
      {regionsWithoutPlan.length > 0 ? (
        <p className="charts-note" data-testid="charts-regions-without-plan">
          {t('hqCharts.regionsWithoutPlan', { list: new Intl.ListFormat(i18n.language).format(regionsWithoutPlan), count: regionsWithoutPlan.length })}
        </p>
      ) : null}
      {hasPartial ? (
        <p className="charts-note" data-testid="charts-partial">
          {t('hqCharts.partialNote')}
        </p>
      ) : null}
      <h3 className="charts-summary-heading">{t('hqCharts.summaryHeading')}</h3>
      <ul className="charts-summary" id={summaryId} data-testid="charts-summary">
        {data.map((d) => (
          <li key={d.category}>
            {t('hqCharts.summaryLine', {
              heading: d.heading,
              demand: figureText(t, numbers, d.demandSum),
              target: figureText(t, numbers, d.targetSum),
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}
