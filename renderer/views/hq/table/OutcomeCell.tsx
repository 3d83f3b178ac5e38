import type { CustomCellRendererProps } from 'ag-grid-react';
import { useTranslation } from 'react-i18next';
import type { Table1Row } from './table1-rows.js';

/** Renders the outcome label, with a badge where the cycle marks demand and target as not comparable. */
export function OutcomeCell({ data }: CustomCellRendererProps<Table1Row>) {
  const { t } = useTranslation();
  if (!data) return null;
  if (data.kind === 'total') return <span>{t('hqTable.totalsRow')}</span>;
  return (
    <span className="table1-outcome">
      <span className="table1-outcome-label">
        {data.outcome} {data.title}
      </span>
      {data.comparable ? null : (
        <span className="table1-not-comparable" aria-label={t('hqTable.notComparable')}>
          {t('hqTable.notComparableBadge')}
        </span>
      )}
    </span>
  );
}
