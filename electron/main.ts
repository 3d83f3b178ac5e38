import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, safeStorage, session, type IpcMainEvent, type MenuItemConstructorOptions, type Session, type WebFrameMain } from 'electron';
import log from 'electron-log/main';
import { IPC_CALL_CHANNEL, IPC_COMMAND_CHANNEL, IPC_FLUSHED_CHANNEL, type ShellCommand } from '../shared/api/transport.js';
import type { FileDialogs, FileKind } from './services/host/dialogs.js';
import { PlannerSession } from './services/host/session.js';
import type { KeyStore } from './services/keys.js';
import type { LogFields, Logger } from './services/logger.js';
import { PassphraseKeyStore } from './services/passphrase-key-store.js';
import { FLUSH_TIMEOUT_MS, handleCall, requestFlush } from './shell/ipc-router.js';
import {
  CLOSE_COMMAND,
  DEFAULT_MENU_LABELS,
  FILE_DIALOG_FILTERS,
  USER_DATA_FILES,
  checkSender,
  isAllowedNavigation,
  isPermissionAllowed,
  keyProtectionForInstallation,
  mainWindowOptions,
  menuTemplate,
  withContentSecurityPolicy,
  type MenuEntry,
  type SenderFrame,
} from './shell/policy.js';
import { SafeStorageKeyStore } from './shell/safe-storage-key-store.js';
import { reportHtml } from './report-html.js';
import { countPdfPages } from './services/pdf-pages.js';
import { writeFileAtomic } from './services/files.js';
import type { Report } from '../shared/reports/models.js';

/**
 * The desktop app's main process. It only wires the pure modules in `electron/shell/` and the
 * services to Electron's APIs. The rules themselves live, and are tested, in those modules.
 */

// The same folder in development and in the packaged app, whatever package.json names the app.
// Chromium's --user-data-dir switch still wins, so a test run can point the app at its own folder.
if (!app.commandLine.hasSwitch('user-data-dir')) app.setPath('userData', path.join(app.getPath('appData'), 'Outcome Planner'));
const userData = app.getPath('userData');

log.transports.file.level = 'info';
log.transports.file.resolvePathFn = () => path.join(userData, USER_DATA_FILES.logFolder, 'main.log');
log.transports.console.level = app.isPackaged ? false : 'info';
log.errorHandler.startCatching({ showDialog: false });

function formatFields(fields?: LogFields): string {
  if (!fields) return '';
  return Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ` ${key}=${JSON.stringify(value)}`)
    .join('');
}

const logger: Logger = {
  debug: (message, fields) => log.debug(message + formatFields(fields)),
  info: (message, fields) => log.info(message + formatFields(fields)),
  warn: (message, fields) => log.warn(message + formatFields(fields)),
  error: (message, fields) => log.error(message + formatFields(fields)),
};

const appRoot = app.getAppPath();
const entryPath = path.join(appRoot, 'dist', 'renderer', 'index.html');
const appEntryUrl = pathToFileURL(entryPath).href;
const preloadPath = path.join(appRoot, 'dist', 'electron', 'preload.cjs');
const seedsDir = app.isPackaged ? path.join(process.resourcesPath, 'seeds') : path.join(appRoot, 'seeds');

let mainWindow: BrowserWindow | null = null;
let plannerSession: PlannerSession | null = null;
let quitRequested = false;

/** Native open and save dialogs, attached to the main window when there is one. */
class ElectronDialogs implements FileDialogs {
  private filters(kind: FileKind) {
    return FILE_DIALOG_FILTERS[kind].map((filter) => ({ name: filter.name, extensions: [...filter.extensions] }));
  }

  async chooseSavePath(request: { kind: FileKind; suggestedName: string }): Promise<string | null> {
    const options = { defaultPath: path.join(app.getPath('documents'), path.basename(request.suggestedName)), filters: this.filters(request.kind) };
    const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  }

  async chooseOpenPaths(request: { kind: FileKind; multiple: boolean }): Promise<string[]> {
    const properties: ('openFile' | 'multiSelections')[] = request.multiple ? ['openFile', 'multiSelections'] : ['openFile'];
    const options = { filters: this.filters(request.kind), properties };
    const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
    return result.canceled ? [] : result.filePaths;
  }

  async chooseFolder(): Promise<string | null> {
    const options = { properties: ['openDirectory' as const, 'createDirectory' as const] };
    const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
    return result.canceled || result.filePaths.length === 0 ? null : (result.filePaths[0] ?? null);
  }
}

function senderOf(frame: WebFrameMain | null): SenderFrame | null {
  if (frame === null || frame.isDestroyed()) return null;
  return { url: frame.url, isMainFrame: frame.parent === null && !frame.detached };
}

/** Chooses where and how the office key is kept, from the key files present and safeStorage's backend. */
function openKeyStore(): { keyStore: KeyStore; keyProtection: 'os' | 'passphrase' } {
  const osKeyPath = path.join(userData, USER_DATA_FILES.osProtectedKey);
  const passphraseKeyPath = path.join(userData, USER_DATA_FILES.passphraseProtectedKey);
  // safeStorage reports a backend only on Linux, and only after the app is ready.
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'unknown';
  const encryptionAvailable = safeStorage.isEncryptionAvailable();
  const keyProtection = keyProtectionForInstallation(
    { osProtected: fs.existsSync(osKeyPath), passphraseProtected: fs.existsSync(passphraseKeyPath) },
    backend,
    encryptionAvailable,
  );
  logger.info('key protection chosen', { keyProtection, backend, encryptionAvailable });
  const keyStore = keyProtection === 'os' ? new SafeStorageKeyStore(osKeyPath, safeStorage) : new PassphraseKeyStore(passphraseKeyPath);
  return { keyStore, keyProtection };
}

function installSessionPolicy(target: Session): void {
  // NOTE: Electron's security guide states that response headers cannot be set for file:// pages, so
  // renderer/index.html carries the same policy in a meta tag. Whether this header applies is unchecked.
  target.webRequest.onHeadersReceived((details, callback) => callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) }));
  target.setPermissionRequestHandler((_contents, permission, callback) => {
    logger.warn('denied a permission request', { permission });
    callback(isPermissionAllowed());
  });
  target.setPermissionCheckHandler(() => isPermissionAllowed());
}

function sendCommand(command: ShellCommand): void {
  mainWindow?.webContents.send(IPC_COMMAND_CHANNEL, command);
}

function toMenuItem(entry: MenuEntry): MenuItemConstructorOptions {
  if (entry.type === 'separator') return { type: 'separator' };
  if (entry.type === 'role') return { role: entry.role, label: entry.label, ...(entry.accelerator ? { accelerator: entry.accelerator } : {}) };
  // NOTE: the hidden second Redo shortcut needs Electron to honour accelerators of invisible items.
  // Electron documents this for macOS only, and Windows and Linux are untested.
  return {
    label: entry.label,
    ...(entry.accelerator ? { accelerator: entry.accelerator } : {}),
    visible: entry.visible ?? true,
    click: () => sendCommand(entry.command),
  };
}

function buildMenu(): Menu {
  const sections = menuTemplate(DEFAULT_MENU_LABELS, process.platform, { development: !app.isPackaged });
  return Menu.buildFromTemplate(sections.map((section) => ({ label: section.label, submenu: section.entries.map(toMenuItem) })));
}

/** Asks the renderer to commit pending edits, then closes the window for real. */
async function flushAndClose(window: BrowserWindow, markClosable: () => void): Promise<void> {
  const outcome = await requestFlush({
    send: () => window.webContents.send(IPC_COMMAND_CHANNEL, CLOSE_COMMAND),
    subscribe: (onFlushed) => {
      const listener = (event: IpcMainEvent) => {
        if (event.sender === window.webContents && checkSender(senderOf(event.senderFrame), appEntryUrl).ok) onFlushed();
      };
      ipcMain.on(IPC_FLUSHED_CHANNEL, listener);
      return () => ipcMain.removeListener(IPC_FLUSHED_CHANNEL, listener);
    },
    timeoutMs: FLUSH_TIMEOUT_MS,
    logger,
  });
  logger.info('window closing', { flush: outcome });
  markClosable();
  if (!window.isDestroyed()) window.close();
  if (quitRequested) app.quit();
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(preloadPath));
  let closable = false;
  let flushing = false;

  window.once('ready-to-show', () => window.show());
  window.on('close', (event) => {
    if (closable) return;
    event.preventDefault();
    if (flushing) return;
    flushing = true;
    void flushAndClose(window, () => {
      closable = true;
    });
  });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  window.webContents.on('render-process-gone', (_event, details) => {
    logger.error('renderer process ended', { reason: details.reason, exitCode: details.exitCode });
  });

  window.loadFile(entryPath).catch((error: unknown) => {
    logger.error('failed to load the app page', { path: entryPath, error: (error as Error).message });
    // 'ready-to-show' may never come now, and an empty window is easier to close than an invisible one.
    if (!window.isDestroyed()) window.show();
  });
  return window;
}

function showMainWindow(): void {
  if (!mainWindow) {
    mainWindow = createWindow();
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

/**
 * Prints a report to PDF with Electron's own Chromium: the report's HTML goes into a hidden,
 * sandboxed window without scripts, and printToPDF honours its @page rules.
 */
async function printReportToPdf(report: Report, file: string): Promise<{ pages: number }> {
  const folder = fs.mkdtempSync(path.join(app.getPath('temp'), 'planner-print-'));
  const page = path.join(folder, 'report.html');
  fs.writeFileSync(page, reportHtml(report), 'utf8');
  const hidden = new BrowserWindow({ show: false, webPreferences: { sandbox: true, contextIsolation: true, javascript: false } });
  try {
    await hidden.loadFile(page);
    const pdf = await hidden.webContents.printToPDF({ preferCSSPageSize: true, printBackground: true });
    writeFileAtomic(file, pdf);
    return { pages: countPdfPages(pdf) };
  } finally {
    hidden.destroy();
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

function startApp(): void {
  fs.mkdirSync(userData, { recursive: true });
  const { keyStore, keyProtection } = openKeyStore();
  const activeSession = new PlannerSession({
    dbPath: path.join(userData, USER_DATA_FILES.database),
    seedsDir,
    logger,
    dialogs: new ElectronDialogs(),
    keyStore,
    keyProtection,
    savePdf: printReportToPdf,
  });
  plannerSession = activeSession;

  installSessionPolicy(session.defaultSession);
  ipcMain.handle(IPC_CALL_CHANNEL, (event, method: unknown, input: unknown) =>
    handleCall(activeSession, senderOf(event.senderFrame), appEntryUrl, method, input, logger),
  );
  app.setAboutPanelOptions({ applicationName: 'Outcome Planner', applicationVersion: app.getVersion() });
  Menu.setApplicationMenu(buildMenu());
  showMainWindow();
  logger.info('app started', { version: app.getVersion(), userData, seedsDir });
}

function failStartup(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  logger.error('app failed to start', { error: error instanceof Error ? (error.stack ?? message) : message });
  dialog.showErrorBox('Outcome Planner cannot start', `${message}\n\nThe log file is in ${path.join(userData, USER_DATA_FILES.logFolder)}.`);
  app.exit(1);
}

// Every web contents, including any the page might try to create, gets the same navigation rules.
app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(({ url }) => {
    logger.warn('blocked a new window', { url: url.slice(0, 200) });
    return { action: 'deny' };
  });
  const blockForeignNavigation = (event: { url: string; preventDefault(): void }) => {
    if (isAllowedNavigation(event.url, appEntryUrl)) return;
    event.preventDefault();
    logger.warn('blocked a navigation', { url: event.url.slice(0, 200) });
  };
  contents.on('will-navigate', blockForeignNavigation);
  contents.on('will-redirect', blockForeignNavigation);
  // The app uses no frames, so no subframe may load anything.
  contents.on('will-frame-navigate', (event) => {
    if (event.isMainFrame) return;
    event.preventDefault();
    logger.warn('blocked a subframe navigation', { url: event.url.slice(0, 200) });
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    logger.warn('blocked a webview');
  });
});

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the database; it focuses its window on 'second-instance'.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (app.isReady() && plannerSession) showMainWindow();
  });
  app.on('activate', () => {
    if (plannerSession && BrowserWindow.getAllWindows().length === 0) showMainWindow();
  });
  app.on('before-quit', () => {
    quitRequested = true;
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    try {
      plannerSession?.close();
    } catch (error) {
      logger.error('failed to close the database', { error: (error as Error).message });
    }
    plannerSession = null;
  });
  app.whenReady().then(startApp).catch(failStartup);
}
