/**
 * The largest bundle file headquarters reads. A whole plan of 19 outcomes broken down by every
 * member State compresses to a few tens of kilobytes, so this leaves a wide margin while keeping
 * a hostile file's cost bounded. The renderer uses it too, to send no bytes for larger files.
 */
export const MAX_BUNDLE_FILE_BYTES = 4 * 1024 * 1024;
