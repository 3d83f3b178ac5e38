import { useTranslation } from 'react-i18next';
import { isRejection, type VerdictKind } from '../../../../shared/exchange/verdicts.js';
import { Fingerprint } from '../trust/Fingerprint.js';
import { useDateTime, useRegionName } from '../trust/formatting.js';
import { CellChanges } from './CellChanges.js';
import { useImportStore, type PreviewCard } from './import-store.js';

/** Returns a function that names a verdict as the CLI prints it: `accepted`, or `rejected: stale`. */
export function useVerdictText(): (verdict: string) => string {
  const { t } = useTranslation();
  return (verdict: string) => {
    const word = t(`hqImport.verdict.${verdict}`, { defaultValue: verdict });
    return isRejection(verdict as VerdictKind) ? t('hqImport.rejected', { verdict: word }) : word;
  };
}

function badgeClass(verdict: string): string {
  if (verdict === 'accepted') return 'import-badge import-badge-ok';
  if (verdict === 'already-imported' || verdict === 'discarded') return 'import-badge import-badge-neutral';
  return 'import-badge import-badge-rejected';
}

/**
 * Shows one previewed file: its verdict with the reason, who sent which revision, the cells it would
 * change, and the decision buttons. Once decided, it shows the recorded verdict in place of the
 * cells, and the preview's verdict only where the two differ.
 */
export function PreviewCardView({ card, newerRevisionWaiting }: { card: PreviewCard; newerRevisionWaiting: number | null }) {
  const { t } = useTranslation();
  const decide = useImportStore((s) => s.decide);
  const acceptingAll = useImportStore((s) => s.acceptingAll);
  const verdictText = useVerdictText();
  const regionName = useRegionName();
  const dateTime = useDateTime();
  const { preview, result } = card;
  const unknown = t('hqImport.card.unknown');
  const busy = card.deciding || acceptingAll;

  let revision = unknown;
  if (preview.revision !== null) {
    revision =
      preview.currentRevision === null
        ? t('hqImport.card.revisionNoneHeld', { revision: preview.revision })
        : t('hqImport.card.revisionHeld', { revision: preview.revision, held: preview.currentRevision });
  }
  let office = preview.officeId ?? unknown;
  if (preview.officeId !== null && preview.officeName !== null) {
    office = t('hqImport.card.officeValue', { id: preview.officeId, name: preview.officeName, region: regionName(preview.region) });
  }

  return (
    <article
      className={result ? 'panel import-card import-card-decided' : 'panel import-card'}
      data-testid="preview-card"
      data-file-name={preview.fileName}
      data-verdict={preview.verdict}
      data-result={result?.verdict ?? ''}
      aria-label={preview.fileName}
    >
      <header className="import-card-header">
        <h3>{preview.fileName}</h3>
        {card.source === 'inbox' ? <span className="import-source">{t('hqImport.card.fromInbox')}</span> : null}
      </header>

      {result === null || result.verdict !== preview.verdict ? (
        <p className="import-verdict" data-testid="preview-verdict">
          <span className="import-verdict-label">{result === null ? t('hqImport.card.verdictNow') : t('hqImport.card.verdictAtPreview')}</span>
          <strong className={badgeClass(preview.verdict)}>{verdictText(preview.verdict)}</strong>
          <span className="import-reason">{preview.reason}</span>
        </p>
      ) : null}
      {result ? (
        <p className="import-verdict" data-testid="result-verdict" role="status">
          <span className="import-verdict-label">{t('hqImport.card.result')}</span>
          <strong className={badgeClass(result.verdict)}>{verdictText(result.verdict)}</strong>
          <span className="import-reason">{result.reason}</span>
        </p>
      ) : null}

      <dl className="import-facts">
        <dt>{t('hqImport.card.office')}</dt>
        <dd data-testid="preview-office">{office}</dd>
        <dt>{t('hqImport.card.revision')}</dt>
        <dd data-testid="preview-revision">{revision}</dd>
        {result === null ? (
          <>
            <dt>{t('hqImport.card.signer')}</dt>
        <dd>
          {preview.signerFingerprint === null ? (
            <span data-testid="preview-signer">{unknown}</span>
          ) : (
            <Fingerprint className="import-fingerprint" testId="preview-signer" value={preview.signerFingerprint} />
          )}
        </dd>
        <dt>{t('hqImport.card.signedAt')}</dt>
        <dd>{preview.signedAt === null ? unknown : dateTime(preview.signedAt)}</dd>
        <dt>{t('hqImport.card.size')}</dt>
        <dd>{t('hqImport.card.sizeBytes', { size: preview.size })}</dd>
          </>
        ) : null}
      </dl>

      {result === null && newerRevisionWaiting !== null ? (
        <p className="message import-warning" data-testid="newer-waiting">
          {t('hqImport.card.newerWaiting', { revision: newerRevisionWaiting })}
        </p>
      ) : null}

      {result === null ? <CellChanges preview={preview} /> : null}

      {result === null ? (
        <div className="actions">
          {preview.verdict === 'accepted' ? (
            <>
              <button type="button" className="primary" data-testid="accept" disabled={busy} onClick={() => void decide(card.previewId, 'commit')}>
                {card.deciding ? t('hqImport.card.deciding') : t('hqImport.card.accept')}
              </button>
              <button type="button" data-testid="discard" disabled={busy} onClick={() => void decide(card.previewId, 'discard')}>
                {t('hqImport.card.discard')}
              </button>
            </>
          ) : (
            <button type="button" data-testid="record" disabled={busy} onClick={() => void decide(card.previewId, 'commit')}>
              {card.deciding ? t('hqImport.card.deciding') : t('hqImport.card.record')}
            </button>
          )}
        </div>
      ) : null}
      {card.error ? (
        <p className="message message-error" role="alert" data-testid="card-error">
          {card.error}
        </p>
      ) : null}
    </article>
  );
}
