import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.js';
import { errorMessage, useDateTime } from '../trust/formatting.js';
import { useImportStore } from './import-store.js';

/** How often the inbox folder is scanned while the Import tab is open. */
export const INBOX_POLL_MS = 5000;

/**
 * Shows the watched inbox folder with a button to choose it, and scans the folder every five
 * seconds while this panel is shown. Each new file becomes a preview card.
 */
export function InboxPanel() {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const addPreviews = useImportStore((s) => s.addPreviews);
  // Undefined until the host has returned whether a folder is chosen.
  const [folder, setFolder] = useState<string | null | undefined>(undefined);
  const [lastScan, setLastScan] = useState<string | null>(null);
  const [choosing, setChoosing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    api['inbox.get']({})
      .then((result) => {
        if (current) setFolder(result.folder);
      })
      .catch((caught: unknown) => {
        if (current) setError(errorMessage(caught));
      });
    return () => {
      current = false;
    };
  }, []);

  useEffect(() => {
    if (!folder) return;
    let stopped = false;
    let scanning = false;
    const scan = async () => {
      // A slow scan is not overlapped by the next tick.
      if (scanning) return;
      scanning = true;
      try {
        const handles = await api['inbox.scan']({});
        // Added even after the panel closed, because the host now keeps these previews and will
        // not return their files again. Dropping them here would hide those files for good.
        addPreviews(handles, 'inbox');
        if (stopped) return;
        setLastScan(new Date().toISOString());
        setError(null);
      } catch (caught) {
        if (!stopped) setError(t('hqImport.inbox.failed', { message: errorMessage(caught) }));
      } finally {
        scanning = false;
      }
    };
    void scan();
    const timer = window.setInterval(() => void scan(), INBOX_POLL_MS);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, [folder, addPreviews, t]);

  const choose = async () => {
    setChoosing(true);
    setNotice(null);
    setError(null);
    try {
      const result = await api['inbox.choose']({});
      if ('cancelled' in result) setNotice(t('hqImport.inbox.cancelled'));
      else setFolder(result.folder);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setChoosing(false);
    }
  };

  return (
    <section className="panel import-inbox" aria-labelledby="import-inbox-heading" data-testid="inbox-panel">
      <h2 id="import-inbox-heading">{t('hqImport.inbox.heading')}</h2>
      {folder === null ? <p className="hint">{t('hqImport.inbox.none')}</p> : null}
      {folder ? (
        <p data-testid="inbox-folder">
          {t('hqImport.inbox.watching', { folder })}
          {lastScan ? ` ${t('hqImport.inbox.lastScan', { time: dateTime(lastScan) })}` : ''}
        </p>
      ) : null}
      <div className="actions">
        <button type="button" data-testid="inbox-choose" disabled={choosing || folder === undefined} onClick={() => void choose()}>
          {folder ? t('hqImport.inbox.change') : t('hqImport.inbox.choose')}
        </button>
      </div>
      {notice ? <p className="message">{notice}</p> : null}
      {error ? (
        <p className="message message-error" role="alert" data-testid="inbox-error">
          {error}
        </p>
      ) : null}
    </section>
  );
}
