import type { ApiInput } from '../../../../shared/api/contract.js';
import { MAX_BUNDLE_FILE_BYTES } from '../../../../shared/exchange/limits.js';

/**
 * Largest file sent for a preview: the services' bundle file limit. A larger file is announced
 * by its size alone, and the service records it as too large.
 */
export const MAX_SENT_BYTES = MAX_BUNDLE_FILE_BYTES;

/** Bytes per `String.fromCharCode` call, small enough to stay within the engine's argument limit. */
const CHUNK_BYTES = 0x8000;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let start = 0; start < bytes.length; start += CHUNK_BYTES) {
    binary += String.fromCharCode(...bytes.subarray(start, start + CHUNK_BYTES));
  }
  return btoa(binary);
}

/** Reads a chosen or dropped file into the input of `bundle.preview`. */
export async function previewInput(file: File): Promise<ApiInput<'bundle.preview'>> {
  if (file.size > MAX_SENT_BYTES) return { fileName: file.name, size: file.size, data: null };
  const bytes = new Uint8Array(await file.arrayBuffer());
  return { fileName: file.name, size: bytes.length, data: toBase64(bytes) };
}
