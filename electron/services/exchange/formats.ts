/** Envelope labels, header sets and size limits of the files offices and headquarters exchange. */
export const BUNDLE_LABEL = 'OUTCOME PLANNER BUNDLE';
export const BUNDLE_HEADERS = ['Format', 'Office', 'Revision', 'Key', 'Signature'];

export const REGISTRATION_LABEL = 'OUTCOME PLANNER KEY';
export const REGISTRATION_HEADERS = ['Format', 'Office', 'Key', 'Signature'];

/**
 * Size limits, checked before the next step reads anything. A whole plan of 19 outcomes
 * broken down by every member State compresses to a few tens of kilobytes, so these leave
 * a wide margin while keeping a hostile file's cost bounded.
 */
export { MAX_BUNDLE_FILE_BYTES } from '../../../shared/exchange/limits.js';
export const MAX_PAYLOAD_BYTES = 3 * 1024 * 1024;
export const MAX_DECOMPRESSED_BYTES = 16 * 1024 * 1024;
export const MAX_REGISTRATION_FILE_BYTES = 64 * 1024;
