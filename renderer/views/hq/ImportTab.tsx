import { useMemo, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ImportHistory } from './import/ImportHistory.js';
import { useImportStore, type PreviewCard } from './import/import-store.js';
import { InboxPanel } from './import/InboxPanel.js';
import { PreviewCardView } from './import/PreviewCardView.js';

function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer.types.includes('Files');
}

/**
 * For each undecided card, the newest other revision from the same office that is also waiting
 * and would be accepted, because accepting that one first makes this one stale.
 */
function newerRevisionsWaiting(cards: readonly PreviewCard[]): Map<string, number> {
  const waiting = cards.filter((card) => card.result === null && card.preview.verdict === 'accepted' && card.preview.officeId !== null && card.preview.revision !== null);
  const newer = new Map<string, number>();
  for (const card of waiting) {
    const revisions = waiting
      .filter((other) => other.preview.officeId === card.preview.officeId && (other.preview.revision as number) > (card.preview.revision as number))
      .map((other) => other.preview.revision as number);
    if (revisions.length > 0) newer.set(card.previewId, Math.max(...revisions));
  }
  return newer;
}

/**
 * Bundle import at headquarters: files chosen, dropped on the tab or picked up from the inbox
 * folder are previewed one by one, and nothing is imported until the user decides.
 */
export function ImportTab() {
  const { t } = useTranslation();
  const cards = useImportStore((s) => s.cards);
  const progress = useImportStore((s) => s.progress);
  const failures = useImportStore((s) => s.failures);
  const acceptingAll = useImportStore((s) => s.acceptingAll);
  const addFiles = useImportStore((s) => s.addFiles);
  const acceptAll = useImportStore((s) => s.acceptAll);
  const clearDecided = useImportStore((s) => s.clearDecided);
  const [dragOver, setDragOver] = useState(false);

  const pending = cards.filter((card) => card.result === null);
  const decided = cards.filter((card) => card.result !== null);
  const acceptable = pending.filter((card) => card.preview.verdict === 'accepted');
  const newer = useMemo(() => newerRevisionsWaiting(cards), [cards]);
  const progressText = progress ? t('hqImport.progress', { done: Math.min(progress.done + 1, progress.total), total: progress.total }) : '';

  const onDragOver = (event: DragEvent<HTMLDivElement>) => {
    if (!carriesFiles(event)) return;
    // Without preventDefault the browser refuses the drop and opens the file itself.
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDragOver(true);
  };

  const onDragLeave = (event: DragEvent<HTMLDivElement>) => {
    if (event.currentTarget.contains(event.relatedTarget as Node | null)) return;
    setDragOver(false);
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    setDragOver(false);
    void addFiles([...event.dataTransfer.files]);
  };

  return (
    <div
      className={dragOver ? 'import-tab import-drop-over' : 'import-tab'}
      data-testid="import-tab"
      onDragOver={onDragOver}
      onDragEnter={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
    >
      {dragOver ? (
        <div className="import-drop-overlay" aria-hidden="true">
          {t('hqImport.dropOverlay')}
        </div>
      ) : null}

      <div className="import-top">
        <section className="panel import-add" aria-labelledby="import-add-heading">
          <h2 id="import-add-heading">{t('hqImport.addHeading')}</h2>
          <p className="hint">{t('hqImport.addIntro')}</p>
          <label className="import-file-label">
            {t('hqImport.chooseFiles')}
            <input
              type="file"
              multiple
              data-testid="import-files"
              onChange={(event) => {
                const input = event.currentTarget;
                const files = [...(input.files ?? [])];
                // Cleared so that choosing the same files again fires another change.
                input.value = '';
                void addFiles(files);
              }}
            />
          </label>
          {progress ? (
            <div className="import-progress" role="status" data-testid="import-progress">
              <progress value={progress.done} max={progress.total} aria-label={progressText} />
              <span>{progressText}</span>
            </div>
          ) : null}
          {failures.length > 0 ? (
            <ul className="import-failures" data-testid="import-failures">
              {failures.map((failure, index) => (
                <li key={`${failure.fileName}-${index}`} className="message message-error">
                  {t('hqImport.previewFailed', { file: failure.fileName, message: failure.message })}
                </li>
              ))}
            </ul>
          ) : null}
        </section>
        <InboxPanel />
      </div>

      <section className="import-pending" aria-labelledby="import-pending-heading">
        <div className="import-section-header">
          <h2 id="import-pending-heading">{t('hqImport.pendingHeading', { count: pending.length })}</h2>
          <button type="button" className="primary" data-testid="accept-all" disabled={acceptable.length === 0 || acceptingAll} onClick={() => void acceptAll()}>
            {acceptingAll ? t('hqImport.accepting') : t('hqImport.acceptAll', { count: acceptable.length })}
          </button>
        </div>
        {pending.length === 0 ? <p className="muted">{t('hqImport.nothingPending')}</p> : <p className="hint">{t('hqImport.recheckNote')}</p>}
        <div className="import-cards">
          {pending.map((card) => (
            <PreviewCardView key={card.previewId} card={card} newerRevisionWaiting={newer.get(card.previewId) ?? null} />
          ))}
        </div>
      </section>

      {decided.length > 0 ? (
        <section className="import-decided" aria-labelledby="import-decided-heading">
          <div className="import-section-header">
            <h2 id="import-decided-heading">{t('hqImport.decidedHeading', { count: decided.length })}</h2>
            <button type="button" data-testid="clear-decided" onClick={clearDecided}>
              {t('hqImport.clearDecided')}
            </button>
          </div>
          <div className="import-cards">
            {decided.map((card) => (
              <PreviewCardView key={card.previewId} card={card} newerRevisionWaiting={null} />
            ))}
          </div>
        </section>
      ) : null}

      <ImportHistory />
    </div>
  );
}
