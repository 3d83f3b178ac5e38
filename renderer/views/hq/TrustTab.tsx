import { useTranslation } from 'react-i18next';

// TODO: this tab is being built; it shows only its title for now.
export function TrustTab() {
  const { t } = useTranslation();
  return <h2>{t('hq.tabs.trust')}</h2>;
}
