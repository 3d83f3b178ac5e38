import { formatFingerprint } from '../../../../shared/domain/fingerprint.js';

/**
 * Shows a key fingerprint in groups of four, as it is read out over the telephone. The two halves
 * of eight groups wrap as units, so a narrow column shows two even lines instead of a ragged break.
 */
export function Fingerprint({ value, className, testId }: { value: string; className: string; testId?: string }) {
  const groups = formatFingerprint(value).split(' ');
  const half = Math.ceil(groups.length / 2);
  return (
    <code className={className} data-testid={testId}>
      <span className="trust-fingerprint-half">{groups.slice(0, half).join(' ')}</span>
      {groups.length > half ? ' ' : null}
      {groups.length > half ? <span className="trust-fingerprint-half">{groups.slice(half).join(' ')}</span> : null}
    </code>
  );
}
