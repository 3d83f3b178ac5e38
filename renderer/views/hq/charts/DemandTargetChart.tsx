import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AgCharts } from 'ag-charts-react';
import {
  BarSeriesModule,
  CategoryAxisModule,
  LegendModule,
  LocaleModule,
  ModuleRegistry,
  NumberAxisModule,
  type AgBarSeriesOptions,
  type AgBarSeriesTooltipRendererParams,
  type AgCartesianChartOptions,
  type AgChartInstance,
  type AgTooltipRendererResult,
} from 'ag-charts-community';
import { chartLocaleText } from './chart-locale.js';
import type { ChartDatum } from './chart-data.js';
import { figureText } from './figure-text.js';

// Only the modules this chart uses, which leaves the other series and axis types out of the bundle.
ModuleRegistry.registerModules([BarSeriesModule, CategoryAxisModule, NumberAxisModule, LegendModule, LocaleModule]);

/**
 * Blue against orange, a pair that stays apart with the common kinds of colour blindness (checked
 * with Chromium's emulated protanopia, deuteranopia, tritanopia and achromatopsia). Demand is the
 * darker of the two and target is hatched, so the series also differ in greyscale print.
 */
const DEMAND_FILL = '#0072b2';
const TARGET_FILL = '#e69f00';
const TARGET_HATCH = '#5c3d00';
const BAR_OUTLINE = '#1d2733';

const CHART_HEIGHT_PX = 440;

interface DemandTargetChartProps {
  data: ChartDatum[];
  /** Title of the category axis. */
  categoryTitle: string;
}

/**
 * Draws prioritized demand and proposed target as two bars per category. A blank figure gets no
 * bar, and every tooltip shows both figures of its category, so a missing bar is explained
 * wherever its neighbour can be hovered or focused.
 */
export function DemandTargetChart({ data, categoryTitle }: DemandTargetChartProps) {
  const { t, i18n } = useTranslation();
  const chartRef = useRef<AgChartInstance>(null);
  const [renderedData, setRenderedData] = useState<ChartDatum[] | null>(null);

  const options = useMemo<AgCartesianChartOptions>(() => {
    const numbers = new Intl.NumberFormat(i18n.language);
    const demandName = t('hqCharts.demand');
    const targetName = t('hqCharts.target');

    // The title names the series of the bar under the pointer or keyboard focus.
    const tooltipRenderer = ({ datum, title }: AgBarSeriesTooltipRendererParams<ChartDatum>): AgTooltipRendererResult => ({
      heading: datum.heading,
      ...(title === undefined ? {} : { title }),
      data: [
        { label: demandName, value: figureText(t, numbers, datum.demandSum) },
        { label: targetName, value: figureText(t, numbers, datum.targetSum) },
      ],
    });

    const bars = (yKey: 'demand' | 'target', yName: string, fill: AgBarSeriesOptions['fill']): AgBarSeriesOptions<ChartDatum> => ({
      type: 'bar',
      xKey: 'category',
      yKey,
      yName,
      fill,
      stroke: BAR_OUTLINE,
      strokeWidth: 1,
      label: {
        enabled: true,
        placement: 'outside-end',
        formatter: ({ value, datum }) => {
          const text = numbers.format(value as number);
          return datum[`${yKey}Sum`].missing > 0 ? t('hqCharts.partialLabel', { value: text }) : text;
        },
      },
      tooltip: { renderer: tooltipRenderer },
    });

    return {
      data,
      height: CHART_HEIGHT_PX,
      // Bars appear at their final height at once, which also keeps print and screenshots exact.
      animation: { enabled: false },
      // The app runs offline under a CSP that allows only its own origin, so no web fonts.
      loadGoogleFonts: false,
      locale: { localeText: chartLocaleText(i18n) },
      theme: { params: { fontFamily: getComputedStyle(document.documentElement).fontFamily, fontSize: 13 } },
      // One tooltip per bar, listing both figures of its category. The shared mode lists only
      // the series that have a bar there, so it would leave a blank figure unmentioned.
      tooltip: { mode: 'single' },
      series: [
        bars('demand', demandName, DEMAND_FILL),
        bars('target', targetName, {
          type: 'pattern',
          pattern: 'backward-slanted-lines',
          backgroundFill: TARGET_FILL,
          stroke: TARGET_HATCH,
          strokeWidth: 1,
        }),
      ],
      axes: {
        x: { type: 'category', position: 'bottom', title: { text: categoryTitle } },
        y: { type: 'number', position: 'left', label: { formatter: ({ value }) => numbers.format(value as number) } },
      },
      legend: { enabled: true, position: 'top' },
    };
  }, [data, categoryTitle, t, i18n]);

  // The chart updates asynchronously after a change of options, and aria-busy stays true until
  // it has drawn the current data.
  useEffect(() => {
    let current = true;
    chartRef.current
      ?.waitForUpdate()
      .then(() => {
        if (current) setRenderedData(data);
      })
      .catch((error: unknown) => {
        // A chart destroyed on unmount rejects, and nothing waits for it any more.
        if (current) throw error;
      });
    return () => {
      current = false;
    };
  }, [options, data]);

  return (
    <div className="charts-canvas" data-testid="charts-canvas" aria-busy={renderedData !== data}>
      <AgCharts ref={chartRef} options={options} />
    </div>
  );
}
