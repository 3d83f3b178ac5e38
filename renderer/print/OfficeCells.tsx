/** @jsxRuntime automatic @jsxImportSource react */
import { useTranslation } from 'react-i18next';
import type { OfficeContribution } from '../../shared/api/views.js';

/** The header cells of an office's submission: office, region, revision, signed, imported. */
export function OfficeHeaderCells() {
  const { t } = useTranslation();
  return (
    <>
      <th>{t('print.office')}</th>
      <th>{t('print.region')}</th>
      <th className="number">{t('print.revision')}</th>
      <th>{t('print.signed')}</th>
      <th>{t('print.imported')}</th>
    </>
  );
}

/** The cells of one office's submission, matching OfficeHeaderCells. */
export function OfficeCells({ office, regions }: { office: OfficeContribution; regions: { code: string; name: string }[] }) {
  const { t, i18n } = useTranslation();
  const date = (value: string | null) => (value ? new Date(value).toLocaleString(i18n.language) : '');
  return (
    <>
      <td>
        {office.officeId} {office.name}
        {office.revokedAt ? ` (${t('print.revoked')})` : ''}
      </td>
      <td>{regions.find((r) => r.code === office.region)?.name ?? office.region}</td>
      <td className="number">{office.revision ?? t('print.nothingReceived')}</td>
      <td>{date(office.signedAt)}</td>
      <td>{date(office.importedAt)}</td>
    </>
  );
}
