import { useTranslation } from 'react-i18next';

// TODO: this tab is being built; it shows only its title for now.
export function ImportTab() {
  const { t } = useTranslation();
  return <h2>{t('hq.tabs.import')}</h2>;
}
