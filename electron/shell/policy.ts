import type { KeyProtection } from '../../shared/api/contract.js';
import type { ShellCommand } from '../../shared/api/transport.js';

/**
 * The desktop shell's security and window policy as plain data and pure functions, so that
 * every rule is unit-tested without Electron. `electron/main.ts` only hands these values to
 * Electron's APIs.
 */

/** The main window's `webPreferences`, typed as a structural subset of Electron's type. */
export interface MainWindowWebPreferences {
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  experimentalFeatures: false;
  webviewTag: false;
  spellcheck: false;
  preload: string;
}

/** Options for Electron's `BrowserWindow` constructor. Sizes are in device-independent pixels. */
export interface MainWindowOptions {
  title: string;
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  show: false;
  backgroundColor: string;
  webPreferences: MainWindowWebPreferences;
}

/**
 * Returns the main window's options. The window starts hidden (`show: false`) and the shell
 * shows it on `ready-to-show`, so the user never sees an unstyled page.
 */
export function mainWindowOptions(preloadPath: string): MainWindowOptions {
  return {
    title: 'Outcome Planner',
    width: 1280,
    height: 820,
    // The entry grid needs about this much room for the outcome column and two value columns.
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      preload: preloadPath,
    },
  };
}

/**
 * Content-Security-Policy of the renderer. `style-src` allows inline styles because AG Grid
 * positions rows and cells with inline `style` attributes. Everything else comes from the
 * app's own files, and nothing may be framed, posted or loaded as a plugin.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/**
 * Returns response headers with every Content-Security-Policy header, whatever its case,
 * replaced by the app's policy. Other headers are copied unchanged.
 */
export function withContentSecurityPolicy(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = values;
  }
  result['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return result;
}

/**
 * Reduces a file URL to the document it names: host and decoded path, with the query and
 * fragment dropped. Returns null for any other scheme, for a URL that does not parse, and for
 * an encoded path separator, which a later decoding step could turn into a different file.
 */
function documentOf(rawUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'file:') return null;
  if (/%2f|%5c/i.test(url.pathname)) return null;

  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  // Chromium writes a Windows drive letter in upper case whatever case the app path used.
  pathname = pathname.replace(/^\/([a-z]):/, (_match, drive: string) => `/${drive.toUpperCase()}:`);
  return `${url.host.toLowerCase()}|${pathname}`;
}

/**
 * Decides whether the main frame may navigate to `targetUrl`. Only the app's own entry
 * document is allowed. The WHATWG URL parser resolves `..` and `%2e%2e` segments first, so
 * `index.html/../other.html` is compared as `other.html` and denied. A different query or
 * fragment on the entry document is allowed, because it loads the same file and runs the
 * same code. Every other file, and every http(s), javascript:, data: or blob: URL, is denied.
 */
export function isAllowedNavigation(targetUrl: string, appEntryUrl: string): boolean {
  const entry = documentOf(appEntryUrl);
  return entry !== null && documentOf(targetUrl) === entry;
}

/** The frame that sent an IPC message, as Electron's `event.senderFrame` describes it. */
export interface SenderFrame {
  url: string;
  isMainFrame: boolean;
}

export type SenderCheck = { ok: true } | { ok: false; reason: string };

function shortUrl(url: string): string {
  return url.length > 80 ? `${url.slice(0, 80)}…` : url;
}

/**
 * Accepts an IPC sender only when it is the main frame showing the app's entry document.
 * The URL comparison follows `isAllowedNavigation`: parsed URLs, never string prefixes.
 */
export function checkSender(frame: SenderFrame | null, appEntryUrl: string): SenderCheck {
  if (frame === null) {
    return { ok: false, reason: 'the sending frame no longer exists (it was closed or navigated away)' };
  }
  if (!frame.isMainFrame) {
    return { ok: false, reason: `the sender is a subframe (${shortUrl(frame.url)}), and only the app's main page may call the API` };
  }
  if (!isAllowedNavigation(frame.url, appEntryUrl)) {
    return { ok: false, reason: `the sender's page ${shortUrl(frame.url)} is not the app's page` };
  }
  return { ok: true };
}

/** Denies every permission (camera, notifications, clipboard reads and so on), because the app uses none. */
export function isPermissionAllowed(): false {
  return false;
}

/**
 * Chooses how a new office key is protected. Electron's `safeStorage` is used unless it is
 * unavailable or, on Linux, backed by `basic_text`, which encrypts with a password hard-coded
 * in Chromium and so protects nothing. Windows and macOS do not report a backend; pass 'unknown'.
 */
export function keyProtectionFor(backend: string, encryptionAvailable: boolean): KeyProtection {
  if (!encryptionAvailable || backend === 'basic_text') return 'passphrase';
  return 'os';
}

/** Names of the files the app keeps in its user-data folder. */
export const USER_DATA_FILES = {
  database: 'planner.db',
  osProtectedKey: 'office-key.safe-storage',
  passphraseProtectedKey: 'office-key.passphrase',
  logFolder: 'logs',
} as const;

/**
 * Chooses the key protection for an installation. A key file that already exists decides,
 * so a key sealed one way is never read the other way after the desktop's key ring changes.
 * Without a key file, `keyProtectionFor` decides. The OS-protected file wins if both exist.
 */
export function keyProtectionForInstallation(
  existingKeyFiles: { osProtected: boolean; passphraseProtected: boolean },
  backend: string,
  encryptionAvailable: boolean,
): Exclude<KeyProtection, 'file'> {
  if (existingKeyFiles.osProtected) return 'os';
  if (existingKeyFiles.passphraseProtected) return 'passphrase';
  return keyProtectionFor(backend, encryptionAvailable) === 'os' ? 'os' : 'passphrase';
}

/** File-type filters of the native open and save dialogs, per kind of file. */
export const FILE_DIALOG_FILTERS = {
  bundle: [{ name: 'Planner bundles', extensions: ['bundle', 'txt'] }],
  key: [{ name: 'Public key files', extensions: ['txt'] }],
  export: [{ name: 'Spreadsheets and data', extensions: ['csv', 'xlsx', 'json'] }],
  pdf: [{ name: 'PDF documents', extensions: ['pdf'] }],
} as const satisfies Record<'bundle' | 'key' | 'export' | 'pdf', readonly { name: string; extensions: readonly string[] }[]>;

/** English menu labels. A translation passes the same keys with its own text. */
export const DEFAULT_MENU_LABELS = {
  appName: 'Outcome Planner',
  file: 'File',
  exportBundle: 'Export bundle…',
  exportKey: 'Export key…',
  print: 'Print…',
  quit: 'Quit',
  edit: 'Edit',
  undo: 'Undo',
  redo: 'Redo',
  cut: 'Cut',
  copy: 'Copy',
  paste: 'Paste',
  selectAll: 'Select all',
  checkEntries: 'Check entries',
  view: 'View',
  reload: 'Reload',
  resetZoom: 'Actual size',
  zoomIn: 'Zoom in',
  zoomOut: 'Zoom out',
  toggleFullScreen: 'Toggle full screen',
  help: 'Help',
  about: 'About Outcome Planner',
  services: 'Services',
  hide: 'Hide Outcome Planner',
  hideOthers: 'Hide others',
  showAll: 'Show all',
};

export type MenuLabels = Record<keyof typeof DEFAULT_MENU_LABELS, string>;

/** Electron menu roles the app menu uses. */
export type MenuRole =
  | 'cut'
  | 'copy'
  | 'paste'
  | 'selectAll'
  | 'reload'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'about'
  | 'services'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit';

/**
 * One menu entry. A `command` entry sends its ShellCommand to the renderer when chosen. A
 * hidden entry (`visible: false`) only adds a second accelerator for a visible one.
 */
export type MenuEntry =
  | { type: 'command'; label: string; command: ShellCommand; accelerator?: string; visible?: boolean }
  | { type: 'role'; role: MenuRole; label: string; accelerator?: string }
  | { type: 'separator' };

export interface MenuSection {
  label: string;
  entries: MenuEntry[];
}

export interface MenuOptions {
  /** Adds View > Reload, which drops unsaved edits and so is offered only in development. */
  development: boolean;
}

/** The command the shell sends when a window closes, so the renderer commits pending edits. */
export const CLOSE_COMMAND: ShellCommand = 'flush';

/**
 * Describes the application menu as data. On macOS the first section is the app menu, which
 * contains About and Quit as the platform expects, there is no Help menu, and Redo shows
 * Cmd+Shift+Z. Elsewhere File contains Quit, Help contains About, and Redo shows Ctrl+Y. Both platforms accept the other
 * Redo shortcut through a hidden entry.
 */
export function menuTemplate(labels: MenuLabels, platform: NodeJS.Platform, options: MenuOptions): MenuSection[] {
  const mac = platform === 'darwin';
  const separator: MenuEntry = { type: 'separator' };
  const sections: MenuSection[] = [];

  if (mac) {
    sections.push({
      label: labels.appName,
      entries: [
        { type: 'role', role: 'about', label: labels.about },
        separator,
        { type: 'role', role: 'services', label: labels.services },
        separator,
        { type: 'role', role: 'hide', label: labels.hide },
        { type: 'role', role: 'hideOthers', label: labels.hideOthers },
        { type: 'role', role: 'unhide', label: labels.showAll },
        separator,
        { type: 'role', role: 'quit', label: labels.quit, accelerator: 'Cmd+Q' },
      ],
    });
  }

  const fileEntries: MenuEntry[] = [
    { type: 'command', label: labels.exportBundle, command: 'export-bundle', accelerator: 'CmdOrCtrl+E' },
    { type: 'command', label: labels.exportKey, command: 'export-key' },
    { type: 'command', label: labels.print, command: 'print', accelerator: 'CmdOrCtrl+P' },
  ];
  if (!mac) fileEntries.push(separator, { type: 'role', role: 'quit', label: labels.quit, accelerator: 'Ctrl+Q' });
  sections.push({ label: labels.file, entries: fileEntries });

  const [redoShown, redoHidden] = mac ? ['Cmd+Shift+Z', 'Cmd+Y'] : ['Ctrl+Y', 'Ctrl+Shift+Z'];
  sections.push({
    label: labels.edit,
    entries: [
      { type: 'command', label: labels.undo, command: 'undo', accelerator: 'CmdOrCtrl+Z' },
      { type: 'command', label: labels.redo, command: 'redo', accelerator: redoShown },
      { type: 'command', label: labels.redo, command: 'redo', accelerator: redoHidden, visible: false },
      separator,
      { type: 'role', role: 'cut', label: labels.cut },
      { type: 'role', role: 'copy', label: labels.copy },
      { type: 'role', role: 'paste', label: labels.paste },
      { type: 'role', role: 'selectAll', label: labels.selectAll },
      separator,
      { type: 'command', label: labels.checkEntries, command: 'check' },
    ],
  });

  const viewEntries: MenuEntry[] = [];
  if (options.development) viewEntries.push({ type: 'role', role: 'reload', label: labels.reload }, separator);
  viewEntries.push(
    { type: 'role', role: 'resetZoom', label: labels.resetZoom },
    { type: 'role', role: 'zoomIn', label: labels.zoomIn },
    { type: 'role', role: 'zoomOut', label: labels.zoomOut },
    separator,
    { type: 'role', role: 'togglefullscreen', label: labels.toggleFullScreen },
  );
  sections.push({ label: labels.view, entries: viewEntries });

  // On macOS About is in the app menu already, so a Help menu would be empty and is left out.
  if (!mac) sections.push({ label: labels.help, entries: [{ type: 'role', role: 'about', label: labels.about }] });
  return sections;
}
