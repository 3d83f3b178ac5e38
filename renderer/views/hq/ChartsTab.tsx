import { useTranslation } from 'react-i18next';

// TODO: this tab is being built; it shows only its title for now.
export function ChartsTab() {
  const { t } = useTranslation();
  return <h2>{t('hq.tabs.charts')}</h2>;
}
