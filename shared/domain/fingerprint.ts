/** Formats a key fingerprint in groups of four for reading aloud over the phone: `3f2a 91bc …`. */
export function formatFingerprint(fingerprint: string): string {
  return fingerprint.match(/.{1,4}/g)?.join(' ') ?? fingerprint;
}
