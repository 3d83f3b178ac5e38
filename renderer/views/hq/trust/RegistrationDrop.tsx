import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from './formatting.js';

/** The largest text `trust.preview` accepts. A registration file has a few hundred bytes. */
const MAX_REGISTRATION_BYTES = 64 * 1024;

function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer.types.includes('Files');
}

/**
 * Shows a file input and a drop zone for one key registration file. It reads the file as text and
 * passes it on, or reports in words why it did not.
 */
export function RegistrationDrop({ disabled, onText, onError }: { disabled: boolean; onText: (fileName: string, text: string) => void; onError: (message: string) => void }) {
  const { t } = useTranslation();
  const [dragOver, setDragOver] = useState(false);

  const read = async (files: File[]) => {
    if (files.length === 0) return;
    if (files.length > 1) {
      onError(t('hqTrust.dropOne', { count: files.length }));
      return;
    }
    const file = files[0] as File;
    if (file.size > MAX_REGISTRATION_BYTES) {
      onError(t('hqTrust.fileTooLarge', { file: file.name, size: file.size, max: MAX_REGISTRATION_BYTES }));
      return;
    }
    if (file.size === 0) {
      onError(t('hqTrust.fileEmpty', { file: file.name }));
      return;
    }
    try {
      onText(file.name, await file.text());
    } catch (error) {
      onError(t('hqTrust.readFailed', { file: file.name, message: errorMessage(error) }));
    }
  };

  const onDragOver = (event: DragEvent<HTMLDivElement>) => {
    if (!carriesFiles(event)) return;
    // Without preventDefault the browser refuses the drop and opens the file itself.
    event.preventDefault();
    event.dataTransfer.dropEffect = disabled ? 'none' : 'copy';
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
    if (!disabled) void read([...event.dataTransfer.files]);
  };

  return (
    <div className={dragOver ? 'trust-drop trust-drop-over' : 'trust-drop'} data-testid="trust-drop" onDragOver={onDragOver} onDragEnter={onDragOver} onDragLeave={onDragLeave} onDrop={onDrop}>
      <label className="trust-file-label">
        {t('hqTrust.chooseFile')}
        <input
          type="file"
          data-testid="trust-file"
          disabled={disabled}
          onChange={(event) => {
            const input = event.currentTarget;
            void read([...(input.files ?? [])]).finally(() => {
              // Cleared so that choosing the same file again fires another change.
              input.value = '';
            });
          }}
        />
      </label>
      <p className="trust-drop-hint">{t('hqTrust.dropZone')}</p>
    </div>
  );
}
