import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHELL_COMMANDS, type ShellCommand } from '../../shared/api/transport.js';
import {
  CLOSE_COMMAND,
  CONTENT_SECURITY_POLICY,
  DEFAULT_MENU_LABELS,
  FILE_DIALOG_FILTERS,
  USER_DATA_FILES,
  checkSender,
  isAllowedNavigation,
  isPermissionAllowed,
  keyProtectionFor,
  keyProtectionForInstallation,
  mainWindowOptions,
  menuTemplate,
  withContentSecurityPolicy,
  type MenuEntry,
  type MenuLabels,
  type MenuSection,
} from '../../electron/shell/policy.js';
import { ROOT } from '../support/cli.js';

const ENTRY = 'file:///opt/Outcome%20Planner/resources/app.asar/dist/renderer/index.html';
const DIR = 'file:///opt/Outcome%20Planner/resources/app.asar/dist/renderer';
const WINDOWS_ENTRY = 'file:///C:/Program%20Files/Outcome%20Planner/resources/app.asar/dist/renderer/index.html';

/** Splits a policy into directive name → sources. */
function parsePolicy(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name, sources);
  }
  return directives;
}

function entriesOf(sections: MenuSection[]): MenuEntry[] {
  return sections.flatMap((section) => section.entries);
}

function commandEntries(sections: MenuSection[]): Extract<MenuEntry, { type: 'command' }>[] {
  return entriesOf(sections).filter((entry): entry is Extract<MenuEntry, { type: 'command' }> => entry.type === 'command');
}

function roles(sections: MenuSection[]): string[] {
  return entriesOf(sections).flatMap((entry) => (entry.type === 'role' ? [entry.role] : []));
}

describe('main window options', () => {
  const options = mainWindowOptions('/app/dist/electron/preload.cjs');
  const preferences: [string, unknown][] = [
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['experimentalFeatures', false],
    ['webviewTag', false],
    ['spellcheck', false],
    ['preload', '/app/dist/electron/preload.cjs'],
  ];

  it.each(preferences)('sets webPreferences.%s to %s', (name, expected) => {
    expect((options.webPreferences as unknown as Record<string, unknown>)[name]).toBe(expected);
  });

  it('sets no other webPreferences', () => {
    expect(Object.keys(options.webPreferences).sort()).toEqual(preferences.map(([name]) => name).sort());
  });

  it('starts hidden', () => {
    expect(options.show).toBe(false);
  });

  it('has a usable size and minimum', () => {
    expect(options.minWidth).toBeGreaterThanOrEqual(800);
    expect(options.minHeight).toBeGreaterThanOrEqual(500);
    expect(options.width).toBeGreaterThanOrEqual(options.minWidth);
    expect(options.height).toBeGreaterThanOrEqual(options.minHeight);
  });
});

describe('content security policy', () => {
  const policy = parsePolicy(CONTENT_SECURITY_POLICY);
  const expected: [string, string[]][] = [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:']],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['form-action', ["'none'"]],
  ];

  it.each(expected)('sets %s', (name, sources) => {
    expect(policy.get(name)).toEqual(sources);
  });

  it('has no other directive', () => {
    expect([...policy.keys()].sort()).toEqual(expected.map(([name]) => name).sort());
  });

  it('never allows eval or inline script', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(policy.get('script-src')).not.toContain("'unsafe-inline'");
  });

  it('matches the renderer meta tag', () => {
    // A file:// page may not receive the response header, so index.html carries the policy too.
    const html = fs.readFileSync(path.join(ROOT, 'renderer', 'index.html'), 'utf8');
    const content = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(content, 'renderer/index.html has no Content-Security-Policy meta tag').toBeDefined();
    const meta = parsePolicy(content ?? '');
    // Browsers ignore frame-ancestors in a meta tag, so only the header carries it.
    const headerWithoutFrameAncestors = new Map([...policy].filter(([name]) => name !== 'frame-ancestors'));
    expect(meta).toEqual(headerWithoutFrameAncestors);
  });

  it('replaces response policy headers', () => {
    const headers = withContentSecurityPolicy({
      'content-security-policy': ["default-src *"],
      'CONTENT-SECURITY-POLICY': ["script-src 'unsafe-eval'"],
      'Content-Type': ['text/html'],
    });
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });

  it('adds the policy header when there are no headers', () => {
    expect(withContentSecurityPolicy(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });
});

describe('navigation policy', () => {
  const cases: [string, string, boolean][] = [
    ['the entry document', ENTRY, true],
    // Decision: a query or fragment on the entry document loads the same file and the same code.
    ['the entry with a query and fragment', `${ENTRY}?x#y`, true],
    ['the entry with a fragment route', `${ENTRY}#/office`, true],
    ['the entry under an upper-case scheme', ENTRY.replace('file:', 'FILE:'), true],
    ['the entry with a localhost host', ENTRY.replace('file://', 'file://localhost'), true],
    ['a dot-dot path back to the entry', `${DIR}/assets/../index.html`, true],
    ['a dot-dot path out of the entry', `${ENTRY}/../other.html`, false],
    ['an encoded dot-dot path', `${DIR}/%2e%2e/renderer/other.html`, false],
    ['an encoded slash after the entry', `${ENTRY}%2F..%2Fother.html`, false],
    ['an encoded backslash after the entry', `${ENTRY}%5C..%5Cother.html`, false],
    ['another file in the same folder', `${DIR}/other.html`, false],
    ['a longer name with the entry as prefix', `${ENTRY}.evil.html`, false],
    ['a shorter name', `${DIR}/index.htm`, false],
    ['the entry folder', `${DIR}/`, false],
    ['a path differing in case', ENTRY.replace('/opt/', '/OPT/'), false],
    ['a file on another host', ENTRY.replace('file://', 'file://fileserver'), false],
    ['a system file', 'file:///etc/passwd', false],
    ['http on loopback', 'http://127.0.0.1:5173/index.html', false],
    ['https on loopback', 'https://127.0.0.1/', false],
    ['a javascript URL', 'javascript:alert(1)', false],
    ['a data URL', 'data:text/html,<script>alert(1)</script>', false],
    ['a blob URL', `blob:${ENTRY}`, false],
    ['about:blank', 'about:blank', false],
    ['an empty string', '', false],
    ['text that is not a URL', 'index.html', false],
  ];

  it.each(cases)('%s', (_name, target, allowed) => {
    expect(isAllowedNavigation(target, ENTRY)).toBe(allowed);
  });

  it('accepts a Windows drive letter in either case', () => {
    expect(isAllowedNavigation(WINDOWS_ENTRY.replace('/C:/', '/c:/'), WINDOWS_ENTRY)).toBe(true);
    expect(isAllowedNavigation(WINDOWS_ENTRY, WINDOWS_ENTRY.replace('/C:/', '/c:/'))).toBe(true);
  });

  it('accepts Windows backslashes in the same path', () => {
    expect(isAllowedNavigation('file:///C:\\Program Files\\Outcome Planner\\resources\\app.asar\\dist\\renderer\\index.html', WINDOWS_ENTRY)).toBe(true);
  });

  it('denies everything when the entry is not a file URL', () => {
    expect(isAllowedNavigation('http://127.0.0.1/index.html', 'http://127.0.0.1/index.html')).toBe(false);
    expect(isAllowedNavigation(ENTRY, 'not a url')).toBe(false);
  });
});

describe('sender check', () => {
  it('accepts the main frame on the entry', () => {
    expect(checkSender({ url: ENTRY, isMainFrame: true }, ENTRY)).toEqual({ ok: true });
  });

  it('accepts the main frame on a fragment route', () => {
    expect(checkSender({ url: `${ENTRY}#/office`, isMainFrame: true }, ENTRY)).toEqual({ ok: true });
  });

  const rejected: [string, { url: string; isMainFrame: boolean } | null, string][] = [
    ['a missing frame', null, 'no longer exists'],
    ['a subframe on the entry', { url: ENTRY, isMainFrame: false }, 'subframe'],
    ['a subframe on another page', { url: 'https://127.0.0.1/frame.html', isMainFrame: false }, 'subframe'],
    ['a main frame on a foreign origin', { url: 'https://127.0.0.1/index.html', isMainFrame: true }, 'is not the app\'s page'],
    ['a main frame on another file', { url: `${DIR}/other.html`, isMainFrame: true }, 'is not the app\'s page'],
    ['a main frame on a prefix match', { url: `${ENTRY}.evil.html`, isMainFrame: true }, 'is not the app\'s page'],
    ['a main frame on a dot-dot escape', { url: `${ENTRY}/../other.html`, isMainFrame: true }, 'is not the app\'s page'],
    ['a main frame on a data URL', { url: 'data:text/html,hello', isMainFrame: true }, 'is not the app\'s page'],
    ['a main frame on about:blank', { url: 'about:blank', isMainFrame: true }, 'is not the app\'s page'],
  ];

  it.each(rejected)('rejects %s', (_name, frame, reason) => {
    const result = checkSender(frame, ENTRY);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toContain(reason);
  });

  it('names the sender URL in the reason', () => {
    const result = checkSender({ url: 'https://127.0.0.1/index.html', isMainFrame: true }, ENTRY);
    expect(result.ok ? '' : result.reason).toContain('https://127.0.0.1/index.html');
  });

  it('shortens a long sender URL', () => {
    const result = checkSender({ url: `data:text/html,${'x'.repeat(5000)}`, isMainFrame: true }, ENTRY);
    expect(result.ok ? '' : result.reason.length).toBeLessThan(200);
  });
});

describe('permissions', () => {
  it('denies every permission', () => {
    expect(isPermissionAllowed()).toBe(false);
  });
});

describe('key protection', () => {
  const cases: [string, boolean, 'os' | 'passphrase'][] = [
    ['gnome_libsecret', true, 'os'],
    ['kwallet', true, 'os'],
    ['kwallet5', true, 'os'],
    ['kwallet6', true, 'os'],
    ['unknown', true, 'os'],
    ['basic_text', true, 'passphrase'],
    ['basic_text', false, 'passphrase'],
    ['gnome_libsecret', false, 'passphrase'],
    ['unknown', false, 'passphrase'],
  ];

  it.each(cases)('backend %s with encryption %s gives %s', (backend, available, expected) => {
    expect(keyProtectionFor(backend, available)).toBe(expected);
  });

  it('keeps an existing OS-protected key file', () => {
    expect(keyProtectionForInstallation({ osProtected: true, passphraseProtected: false }, 'basic_text', false)).toBe('os');
  });

  it('keeps an existing passphrase key file', () => {
    expect(keyProtectionForInstallation({ osProtected: false, passphraseProtected: true }, 'gnome_libsecret', true)).toBe('passphrase');
  });

  it('decides by backend without a key file', () => {
    expect(keyProtectionForInstallation({ osProtected: false, passphraseProtected: false }, 'gnome_libsecret', true)).toBe('os');
    expect(keyProtectionForInstallation({ osProtected: false, passphraseProtected: false }, 'basic_text', true)).toBe('passphrase');
  });

  it('uses distinct key file names', () => {
    expect(USER_DATA_FILES.osProtectedKey).not.toBe(USER_DATA_FILES.passphraseProtectedKey);
    expect(USER_DATA_FILES.database).toBe('planner.db');
  });
});

describe('file dialog filters', () => {
  it('offers bundle and txt files for bundles', () => {
    expect(FILE_DIALOG_FILTERS.bundle.flatMap((filter) => filter.extensions)).toEqual(['bundle', 'txt']);
  });

  it('offers txt files for keys', () => {
    expect(FILE_DIALOG_FILTERS.key.flatMap((filter) => filter.extensions)).toEqual(['txt']);
  });
});

describe('menu template', () => {
  const platforms: NodeJS.Platform[] = ['linux', 'win32', 'darwin'];

  it.each(platforms)('reaches every shell command on %s', (platform) => {
    const fromMenu = new Set<ShellCommand>(commandEntries(menuTemplate(DEFAULT_MENU_LABELS, platform, { development: false })).map((entry) => entry.command));
    // 'flush' is sent when a window closes, not from the menu.
    expect(fromMenu.has(CLOSE_COMMAND)).toBe(false);
    expect([...fromMenu, CLOSE_COMMAND].sort()).toEqual([...SHELL_COMMANDS].sort());
  });

  it.each(platforms)('binds export bundle to CmdOrCtrl+E on %s', (platform) => {
    const entry = commandEntries(menuTemplate(DEFAULT_MENU_LABELS, platform, { development: false })).find((e) => e.command === 'export-bundle');
    expect(entry?.accelerator).toBe('CmdOrCtrl+E');
    expect(entry?.visible ?? true).toBe(true);
  });

  it.each(platforms)('binds undo to CmdOrCtrl+Z on %s', (platform) => {
    const undo = commandEntries(menuTemplate(DEFAULT_MENU_LABELS, platform, { development: false })).filter((e) => e.command === 'undo');
    expect(undo.map((e) => e.accelerator)).toEqual(['CmdOrCtrl+Z']);
  });

  it('binds redo to Ctrl+Y and Ctrl+Shift+Z on Windows and Linux', () => {
    for (const platform of ['linux', 'win32'] as const) {
      const redo = commandEntries(menuTemplate(DEFAULT_MENU_LABELS, platform, { development: false })).filter((e) => e.command === 'redo');
      expect(redo.filter((e) => e.visible !== false).map((e) => e.accelerator), platform).toEqual(['Ctrl+Y']);
      expect(redo.filter((e) => e.visible === false).map((e) => e.accelerator), platform).toEqual(['Ctrl+Shift+Z']);
    }
  });

  it('binds redo to Cmd+Shift+Z and Cmd+Y on macOS', () => {
    const redo = commandEntries(menuTemplate(DEFAULT_MENU_LABELS, 'darwin', { development: false })).filter((e) => e.command === 'redo');
    expect(redo.filter((e) => e.visible !== false).map((e) => e.accelerator)).toEqual(['Cmd+Shift+Z']);
    expect(redo.filter((e) => e.visible === false).map((e) => e.accelerator)).toEqual(['Cmd+Y']);
  });

  it.each(platforms)('uses roles for editing, zoom, full screen, quit and about on %s', (platform) => {
    const used = roles(menuTemplate(DEFAULT_MENU_LABELS, platform, { development: false }));
    for (const role of ['cut', 'copy', 'paste', 'selectAll', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen', 'quit', 'about']) {
      expect(used, role).toContain(role);
    }
  });

  it.each(platforms)('offers reload only in development on %s', (platform) => {
    expect(roles(menuTemplate(DEFAULT_MENU_LABELS, platform, { development: false }))).not.toContain('reload');
    expect(roles(menuTemplate(DEFAULT_MENU_LABELS, platform, { development: true }))).toContain('reload');
  });

  it('orders File, Edit, View and Help on Linux', () => {
    expect(menuTemplate(DEFAULT_MENU_LABELS, 'linux', { development: false }).map((s) => s.label)).toEqual(['File', 'Edit', 'View', 'Help']);
  });

  it('puts the app menu first on macOS', () => {
    const sections = menuTemplate(DEFAULT_MENU_LABELS, 'darwin', { development: false });
    expect(sections.map((s) => s.label)).toEqual(['Outcome Planner', 'File', 'Edit', 'View']);
    const appRoles = sections[0]?.entries.flatMap((e) => (e.type === 'role' ? [e.role] : []));
    expect(appRoles).toContain('about');
    expect(appRoles).toContain('quit');
  });

  it('keeps Quit in File off macOS', () => {
    const file = menuTemplate(DEFAULT_MENU_LABELS, 'win32', { development: false }).find((s) => s.label === 'File');
    expect(file?.entries.some((e) => e.type === 'role' && e.role === 'quit')).toBe(true);
  });

  it.each(platforms)('takes every label from the labels parameter on %s', (platform) => {
    const marked = Object.fromEntries(Object.keys(DEFAULT_MENU_LABELS).map((key) => [key, `«${key}»`])) as MenuLabels;
    const sections = menuTemplate(marked, platform, { development: true });
    const labels = [...sections.map((s) => s.label), ...entriesOf(sections).flatMap((e) => (e.type === 'separator' ? [] : [e.label]))];
    for (const label of labels) expect(label).toMatch(/^«\w+»$/);
  });
});
