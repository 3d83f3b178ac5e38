import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfileView } from '../../../shared/api/contract.js';
import { useHqStore } from '../../state/hq-store.js';
import { TableTab } from './TableTab.js';
import { ChartsTab } from './ChartsTab.js';
import { CompletenessTab } from './CompletenessTab.js';
import { ImportTab } from './ImportTab.js';
import { TrustTab } from './TrustTab.js';
import { ReconcileTab } from './ReconcileTab.js';
import { ExportMenu } from '../ExportMenu.js';

const TABS = ['table', 'charts', 'completeness', 'import', 'trust', 'reconcile'] as const;
export type HqTab = (typeof TABS)[number];

/** Headquarters: one screen with a tab per job, all reading the same store. */
export function HqView({ profile }: { profile: ProfileView }) {
  const { t } = useTranslation();
  const refresh = useHqStore((s) => s.refresh);
  const error = useHqStore((s) => s.error);
  const [tab, setTab] = useState<HqTab>('table');

  useEffect(() => {
    void refresh();
  }, [refresh]);

  return (
    <div className="hq-view">
      <header className="view-header">
        <h1>{t('hq.heading', { cycle: profile.cycle })}</h1>
        <ExportMenu reports={['table', 'status']} />
      </header>
      <nav className="tabs" role="tablist" aria-label={t('hq.tabsLabel')}>
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            className={tab === name ? 'tab tab-active' : 'tab'}
            data-testid={`tab-${name}`}
            onClick={() => setTab(name)}
          >
            {t(`hq.tabs.${name}`)}
          </button>
        ))}
      </nav>
      {error ? <p className="message message-error">{error}</p> : null}
      <section className="tab-panel" role="tabpanel">
        {tab === 'table' ? <TableTab /> : null}
        {tab === 'charts' ? <ChartsTab /> : null}
        {tab === 'completeness' ? <CompletenessTab /> : null}
        {tab === 'import' ? <ImportTab /> : null}
        {tab === 'trust' ? <TrustTab /> : null}
        {tab === 'reconcile' ? <ReconcileTab onShowTable={() => setTab('table')} /> : null}
      </section>
    </div>
  );
}
