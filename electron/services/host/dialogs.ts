/**
 * File choices the user makes in the host: native dialogs in the desktop app. The web host,
 * which serves tests and development, uses folders given on its command line.
 */
export type FileKind = 'bundle' | 'key' | 'export' | 'pdf';

export interface FileDialogs {
  /** Returns the chosen path, or null when the user cancels. */
  chooseSavePath(request: { kind: FileKind; suggestedName: string }): Promise<string | null>;
  /** Returns the chosen paths; empty when the user cancels. */
  chooseOpenPaths(request: { kind: FileKind; multiple: boolean }): Promise<string[]>;
  /** Returns the chosen folder, or null when the user cancels. */
  chooseFolder(): Promise<string | null>;
}
