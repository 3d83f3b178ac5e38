import { useTranslation } from 'react-i18next';

// TODO: this tab is being built; it shows only its title for now.
export function ReconcileTab({ onShowTable }: { onShowTable: () => void }) {
  const { t } = useTranslation();
  return (
    <h2 onClick={onShowTable}>{t('hq.tabs.reconcile')}</h2>
  );
}
