import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.js';
import { useApiResult } from '../../../api/use-api-result.js';
import { useHqStore } from '../../../state/hq-store.js';
import { useDateTime } from '../trust/formatting.js';
import { useVerdictText } from './PreviewCardView.js';

/** Lists every file headquarters has received, newest first, with the verdict it was given. */
export function ImportHistory() {
  const { t } = useTranslation();
  const version = useHqStore((s) => s.version);
  const dateTime = useDateTime();
  const verdictText = useVerdictText();
  const { data: files, error } = useApiResult(async () => [...(await api['imports.list']({}))].reverse(), [version]);

  return (
    <section className="panel import-history" aria-labelledby="import-history-heading">
      <h2 id="import-history-heading">{t('hqImport.history.heading')}</h2>
      {error ? <p className="message message-error">{error}</p> : null}
      {files !== null && files.length === 0 ? <p className="muted">{t('hqImport.history.empty')}</p> : null}
      {files !== null && files.length > 0 ? (
        <table className="import-table" data-testid="import-history">
          <thead>
            <tr>
              <th scope="col">{t('hqImport.history.column.file')}</th>
              <th scope="col">{t('hqImport.history.column.receivedAt')}</th>
              <th scope="col">{t('hqImport.history.column.verdict')}</th>
              <th scope="col">{t('hqImport.history.column.reason')}</th>
              <th scope="col">{t('hqImport.history.column.office')}</th>
              <th scope="col">{t('hqImport.history.column.revision')}</th>
              <th scope="col">{t('hqImport.history.column.flagged')}</th>
            </tr>
          </thead>
          <tbody>
            {files.map((file) => (
              <tr key={file.id} data-file-name={file.fileName} data-verdict={file.verdict} className={file.flagged ? 'import-row-flagged' : undefined}>
                <td>{file.fileName}</td>
                <td className="import-nowrap">{dateTime(file.receivedAt)}</td>
                <td className="import-nowrap" data-testid="history-verdict">{verdictText(file.verdict)}</td>
                <td className="import-reason-cell">{file.reason}</td>
                <td className="import-nowrap">{file.officeId ?? ''}</td>
                <td>{file.revision ?? ''}</td>
                <td>{file.flagged ? t('hqImport.history.flaggedYes') : t('hqImport.history.flaggedNo')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
