import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import readline from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { HTTP_CALL_PATH, tokenCookieName, TOKEN_HEADER, type CallEnvelope } from '../../shared/api/transport.js';
import type { Entry } from '../../shared/domain/types.js';
import { FolderDialogs } from '../../electron/services/host/folder-dialogs.js';
import { PlannerSession } from '../../electron/services/host/session.js';
import { FileKeyStore, keyFilePath } from '../../electron/services/keys.js';
import { createLogger } from '../../electron/services/logger.js';
import { MAX_BODY_BYTES, startWebHost, type WebHost } from '../../electron/web/server.js';
import { ROOT, SEEDS } from '../support/cli.js';
import { tempDir } from '../support/temp.js';

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";
const APP_JS = 'document.title = "planner test page";\n';
/** Written beside the static folder, so any response that contains it has escaped that folder. */
const SECRET_MARKER = 'SECRET-OUTSIDE-STATIC';
const OFFICE = { id: 'AFR-DAKAR', name: 'Dakar', region: 'africa' };

interface Running {
  host: WebHost;
  session: PlannerSession;
  dir: string;
  staticDir: string;
  logLines: string[];
}

const cleanups: (() => Promise<void> | void)[] = [];

// Registered inside the describe so it runs before the temporary folders are removed.
describe('web host', () => {
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** Writes a tiny renderer build: a page, a script, a style sheet and a secret outside it. */
  function writeStatic(dir: string): string {
    const staticDir = path.join(dir, 'static');
    fs.mkdirSync(staticDir);
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Planner</title><script type="module" src="/app.js"></script>\n');
    fs.writeFileSync(path.join(staticDir, 'app.js'), APP_JS);
    fs.writeFileSync(path.join(staticDir, 'app.css'), 'body { margin: 0; }\n');
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: SECRET_MARKER }));
    fs.writeFileSync(path.join(dir, 'secret.txt'), SECRET_MARKER);
    return staticDir;
  }

  async function startHost(): Promise<Running> {
    const dir = tempDir('planner-web-');
    const staticDir = writeStatic(dir);
    const logLines: string[] = [];
    const logger = createLogger((line) => logLines.push(line), 'debug');
    const dbPath = path.join(dir, 'planner.db');
    const session = new PlannerSession({
      dbPath,
      seedsDir: SEEDS,
      logger,
      dialogs: new FolderDialogs(path.join(dir, 'files', 'out'), path.join(dir, 'files', 'in')),
      keyStore: new FileKeyStore(keyFilePath(dbPath)),
      keyProtection: 'file',
      actor: 'test',
    });
    cleanups.push(() => session.close());
    const host = await startWebHost({ session, staticDir, logger });
    cleanups.push(() => host.close());
    return { host, session, dir, staticDir, logLines };
  }

  function apiHeaders(host: WebHost, extra: Record<string, string> = {}): Record<string, string> {
    return { 'content-type': 'application/json', [TOKEN_HEADER]: host.token, ...extra };
  }

  async function callApi(host: WebHost, method: string, input: unknown): Promise<{ status: number; envelope: CallEnvelope }> {
    const response = await fetch(new URL(HTTP_CALL_PATH, host.url), { method: 'POST', headers: apiHeaders(host), body: JSON.stringify({ method, input }) });
    return { status: response.status, envelope: (await response.json()) as CallEnvelope };
  }

  /**
   * Sends a request with node:http, for what fetch cannot express: it normalises `..` and
   * `%2e%2e` out of paths before sending, and it controls the Host header itself.
   */
  function rawRequest(
    host: WebHost,
    options: { path: string; method?: string; headers?: Record<string, string>; body?: string },
  ): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
    return new Promise((resolve, reject) => {
      const request = http.request(
        { host: '127.0.0.1', port: host.port, path: options.path, method: options.method ?? 'GET', headers: options.headers ?? {}, agent: false },
        (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (body += chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(options.body);
    });
  }

  it('binds to 127.0.0.1 only', async () => {
    const { host } = await startHost();
    const address = host.server.address();
    expect(address).not.toBeNull();
    expect(typeof address).toBe('object');
    const info = address as { address: string; family: string; port: number };
    expect(info.address).toBe('127.0.0.1');
    expect(info.family).toBe('IPv4');
    expect(info.port).toBe(host.port);
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/`);
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('rejects requests without a valid token', async () => {
    const { host } = await startHost();
    const wrongSameLength = host.token.startsWith('A') ? `B${host.token.slice(1)}` : `A${host.token.slice(1)}`;
    const cases: { name: string; path: string; headers: Record<string, string>; method?: string; body?: string }[] = [
      { name: 'page, no token', path: '/', headers: {} },
      { name: 'asset, no token', path: '/app.js', headers: {} },
      { name: 'page, wrong query token', path: `/?token=${wrongSameLength}`, headers: {} },
      { name: 'page, short query token', path: '/?token=abc', headers: {} },
      { name: 'page, long query token', path: `/?token=${host.token}x`, headers: {} },
      { name: 'asset, wrong cookie', path: '/app.js', headers: { cookie: `${tokenCookieName(host.port)}=${wrongSameLength}` } },
      { name: 'asset, short cookie', path: '/app.js', headers: { cookie: `${tokenCookieName(host.port)}=x` } },
      { name: 'asset, empty header', path: '/app.js', headers: { [TOKEN_HEADER]: '' } },
      { name: 'API, no token', path: HTTP_CALL_PATH, method: 'POST', headers: { 'content-type': 'application/json' } },
      { name: 'API, wrong header', path: HTTP_CALL_PATH, method: 'POST', headers: { 'content-type': 'application/json', [TOKEN_HEADER]: wrongSameLength } },
      { name: 'API, short header', path: HTTP_CALL_PATH, method: 'POST', headers: { 'content-type': 'application/json', [TOKEN_HEADER]: 'short' } },
    ];
    for (const item of cases) {
      const response = await fetch(new URL(item.path, host.url), {
        method: item.method ?? 'GET',
        headers: item.headers,
        ...(item.method === 'POST' ? { body: JSON.stringify({ method: 'session.status', input: {} }) } : {}),
      });
      const body = await response.text();
      expect(response.status, item.name).toBe(403);
      expect(response.headers.get('content-type'), item.name).toMatch(/^text\/plain/);
      expect(body, item.name).not.toContain('<');
      expect(body.length, item.name).toBeLessThan(200);
      expect(response.headers.get('set-cookie'), item.name).toBeNull();
    }
  });

  it('sets the cookie from the query token', async () => {
    const { host } = await startHost();
    const page = await fetch(`${host.url}?token=${host.token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<script type="module" src="/app.js">');

    const cookie = page.headers.get('set-cookie') ?? '';
    expect(cookie).toContain(`${tokenCookieName(host.port)}=${host.token}`);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');

    const asset = await fetch(new URL('/app.js', host.url), { headers: { cookie: cookie.split(';')[0] ?? '' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('set-cookie')).toBeNull();
    expect(await asset.text()).toBe(APP_JS);
  });

  it('requires the header for API calls', async () => {
    const { host } = await startHost();
    const body = JSON.stringify({ method: 'session.status', input: {} });
    const byCookie = await fetch(new URL(HTTP_CALL_PATH, host.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `${tokenCookieName(host.port)}=${host.token}` },
      body,
    });
    expect(byCookie.status).toBe(403);
    const byQuery = await fetch(new URL(`${HTTP_CALL_PATH}?token=${host.token}`, host.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(byQuery.status).toBe(403);

    const byHeader = await callApi(host, 'session.status', {});
    expect(byHeader.status).toBe(200);
    expect(byHeader.envelope.ok).toBe(true);
  });

  it('rejects a foreign Host header', async () => {
    const { host } = await startHost();
    const cookie = `${tokenCookieName(host.port)}=${host.token}`;
    for (const hostHeader of ['evil.example', `evil.example:${host.port}`, `127.0.0.1:${host.port + 1}`, `127.0.0.1`, `localhost.evil.example:${host.port}`]) {
      const response = await rawRequest(host, { path: '/app.js', headers: { host: hostHeader, cookie } });
      expect(response.status, hostHeader).toBe(421);
      expect(response.body, hostHeader).not.toContain(APP_JS);
    }
    const api = await rawRequest(host, {
      path: HTTP_CALL_PATH,
      method: 'POST',
      headers: { host: `evil.example:${host.port}`, 'content-type': 'application/json', [TOKEN_HEADER]: host.token },
      body: JSON.stringify({ method: 'session.status', input: {} }),
    });
    expect(api.status).toBe(421);

    for (const hostHeader of [`127.0.0.1:${host.port}`, `localhost:${host.port}`, `LOCALHOST:${host.port}`]) {
      const response = await rawRequest(host, { path: '/app.js', headers: { host: hostHeader, cookie } });
      expect(response.status, hostHeader).toBe(200);
    }
  });

  it('rejects a foreign Origin and other content types', async () => {
    const { host } = await startHost();
    const body = JSON.stringify({ method: 'session.status', input: {} });
    for (const origin of ['http://evil.example', `http://127.0.0.1:${host.port + 1}`, `https://127.0.0.1:${host.port}`, 'null']) {
      const response = await rawRequest(host, { path: HTTP_CALL_PATH, method: 'POST', headers: apiHeaders(host, { origin }), body });
      expect(response.status, origin).toBe(403);
      expect(response.body, origin).not.toContain('"ok"');
    }
    for (const origin of [`http://127.0.0.1:${host.port}`, `http://localhost:${host.port}`]) {
      const response = await rawRequest(host, { path: HTTP_CALL_PATH, method: 'POST', headers: apiHeaders(host, { origin }), body });
      expect(response.status, origin).toBe(200);
    }

    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const response = await fetch(new URL(HTTP_CALL_PATH, host.url), { method: 'POST', headers: apiHeaders(host, { 'content-type': contentType }), body });
      expect(response.status, contentType).toBe(403);
    }
    const withCharset = await fetch(new URL(HTTP_CALL_PATH, host.url), { method: 'POST', headers: apiHeaders(host, { 'content-type': 'application/json; charset=utf-8' }), body });
    expect(withCharset.status).toBe(200);

    const get = await fetch(new URL(HTTP_CALL_PATH, host.url), { headers: apiHeaders(host) });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });

  it('never serves files outside the static folder', async () => {
    const { host, staticDir, dir } = await startHost();
    fs.symlinkSync(path.join(dir, 'secret.txt'), path.join(staticDir, 'link.txt'));
    const headers = { cookie: `${tokenCookieName(host.port)}=${host.token}` };
    const invalidPaths = [
      '/../package.json',
      '/%2e%2e/package.json',
      '/%2E%2E/secret.txt',
      '/..%2f..%2fetc/passwd',
      '/..%2fsecret.txt',
      '/static/../../secret.txt',
      '/..%5csecret.txt',
      '/app.js%00.html',
      '//etc/passwd',
      '/%2fetc%2fpasswd',
      '/C:/Windows/win.ini',
      '/%zz',
    ];
    for (const attempt of invalidPaths) {
      const response = await rawRequest(host, { path: attempt, headers });
      expect(response.status, attempt).toBe(400);
      expect(response.body, attempt).not.toContain(SECRET_MARKER);
      expect(response.body, attempt).not.toContain('root:');
    }
    // A link inside the folder that points outside it is treated as missing.
    for (const attempt of ['/link.txt', '/missing.js']) {
      const response = await rawRequest(host, { path: attempt, headers });
      expect(response.status, attempt).toBe(404);
      expect(response.body, attempt).not.toContain(SECRET_MARKER);
    }
  });

  it('serves assets with their content types', async () => {
    const { host } = await startHost();
    const headers = { cookie: `${tokenCookieName(host.port)}=${host.token}` };
    const css = await fetch(new URL('/app.css', host.url), { headers });
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const index = await fetch(new URL('/index.html', host.url), { headers });
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');

    const head = await fetch(new URL('/app.js', host.url), { method: 'HEAD', headers });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(Buffer.byteLength(APP_JS)));
    expect(await head.text()).toBe('');

    const post = await fetch(new URL('/app.js', host.url), { method: 'POST', headers });
    expect(post.status).toBe(405);
  });

  it('rejects a body over 2 MiB', async () => {
    const { host } = await startHost();
    const padding = 'x'.repeat(MAX_BODY_BYTES);
    const declared = await fetch(new URL(HTTP_CALL_PATH, host.url), {
      method: 'POST',
      headers: apiHeaders(host),
      body: JSON.stringify({ method: 'session.status', input: {}, padding }),
    });
    expect(declared.status).toBe(413);
    const declaredEnvelope = (await declared.json()) as CallEnvelope;
    expect(declaredEnvelope.ok).toBe(false);
    if (!declaredEnvelope.ok) expect(declaredEnvelope.error.code).toBe('invalid-input');

    // Without a Content-Length the host has to count while it reads.
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > MAX_BODY_BYTES + chunk.length) {
          controller.close();
          return;
        }
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const streamed = await fetch(new URL(HTTP_CALL_PATH, host.url), {
      method: 'POST',
      headers: apiHeaders(host),
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);

    const justUnder = await fetch(new URL(HTTP_CALL_PATH, host.url), {
      method: 'POST',
      headers: apiHeaders(host),
      body: JSON.stringify({ method: 'session.status', input: {} }).padEnd(MAX_BODY_BYTES, ' '),
    });
    expect(justUnder.status).toBe(200);
  });

  it('answers invalid JSON with an envelope', async () => {
    const { host } = await startHost();
    for (const body of ['{"method": "session.status"', 'not json', '']) {
      const response = await fetch(new URL(HTTP_CALL_PATH, host.url), { method: 'POST', headers: apiHeaders(host), body });
      expect(response.status, body).toBe(400);
      const envelope = (await response.json()) as CallEnvelope;
      expect(envelope.ok, body).toBe(false);
      if (!envelope.ok) expect(envelope.error.code, body).toBe('invalid-input');
    }
    for (const body of ['[]', 'null', '"session.status"']) {
      const response = await fetch(new URL(HTTP_CALL_PATH, host.url), { method: 'POST', headers: apiHeaders(host), body });
      expect(response.status, body).toBe(400);
      const envelope = (await response.json()) as CallEnvelope;
      if (!envelope.ok) expect(envelope.error.code, body).toBe('invalid-input');
    }
  });

  it('answers an unknown method with invalid-input', async () => {
    const { host } = await startHost();
    const { status, envelope } = await callApi(host, 'entries.drop', {});
    expect(status).toBe(200);
    expect(envelope.ok).toBe(false);
    if (envelope.ok) return;
    expect(envelope.error.code).toBe('invalid-input');
    expect(envelope.error.message).toContain('entries.drop');

    const noMethod = await fetch(new URL(HTTP_CALL_PATH, host.url), { method: 'POST', headers: apiHeaders(host), body: '{}' });
    const noMethodEnvelope = (await noMethod.json()) as CallEnvelope;
    expect(noMethodEnvelope.ok).toBe(false);
    if (!noMethodEnvelope.ok) expect(noMethodEnvelope.error.code).toBe('invalid-input');
  });

  it('sets up an office and edits a cell', async () => {
    const { host, dir } = await startHost();
    const status = await callApi(host, 'session.status', {});
    expect(status.envelope).toMatchObject({ ok: true, result: { state: 'setup', profile: null, keyProtection: 'file' } });

    const early = await callApi(host, 'entries.list', {});
    expect(early.envelope).toMatchObject({ ok: false, error: { code: 'setup-required' } });

    const init = await callApi(host, 'setup.init', { role: 'office', cycle: '2012-13', office: OFFICE, passphrase: null });
    expect(init.status).toBe(200);
    expect(init.envelope).toMatchObject({ ok: true, result: { role: 'office', cycle: '2012-13', office: OFFICE } });
    expect(fs.existsSync(path.join(dir, 'planner.db'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'planner.db.key'))).toBe(true);

    const ready = await callApi(host, 'session.status', {});
    expect(ready.envelope).toMatchObject({ ok: true, result: { state: 'ready' } });

    const edit = await callApi(host, 'entries.setCell', { outcome: '01', country: null, field: 'demand', value: 12 });
    expect(edit.envelope).toMatchObject({ ok: true, result: { outcome: '01', country: null, demand: 12 } });

    const list = await callApi(host, 'entries.list', {});
    expect(list.envelope.ok).toBe(true);
    if (!list.envelope.ok) return;
    const entries = list.envelope.result as Entry[];
    expect(entries.find((e) => e.outcome === '01' && e.country === null)?.demand).toBe(12);

    const rejected = await callApi(host, 'entries.setCell', { outcome: '01', country: null, field: 'demand', value: -1 });
    expect(rejected.status).toBe(200);
    expect(rejected.envelope).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('sends security headers on every response', async () => {
    const { host } = await startHost();
    const responses = [
      await fetch(`${host.url}?token=${host.token}`),
      await fetch(host.url),
      await fetch(new URL('/missing.js', host.url), { headers: { cookie: `${tokenCookieName(host.port)}=${host.token}` } }),
      await fetch(new URL(HTTP_CALL_PATH, host.url), { method: 'POST', headers: apiHeaders(host), body: JSON.stringify({ method: 'session.status', input: {} }) }),
      await fetch(new URL(HTTP_CALL_PATH, host.url), { method: 'POST', headers: apiHeaders(host), body: 'not json' }),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 403, 404, 200, 400]);
    for (const response of responses) {
      const label = `${response.status} ${response.url}`;
      expect(response.headers.get('content-security-policy'), label).toBe(CSP);
      expect(response.headers.get('x-content-type-options'), label).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), label).toBe('no-referrer');
      expect(response.headers.get('cache-control'), label).toBe('no-store');
      await response.arrayBuffer();
    }
  });

  it('logs rejections once without the token', async () => {
    const { host, logLines } = await startHost();
    for (let i = 0; i < 3; i += 1) await (await fetch(`${host.url}?token=${host.token.slice(1)}x`)).text();
    const rejections = logLines.filter((line) => line.includes('reason="token"'));
    expect(rejections).toHaveLength(1);

    await callApi(host, 'session.status', {});
    await host.close();
    expect(logLines.some((line) => line.includes('web requests rejected while running') && line.includes('count=3'))).toBe(true);
    expect(logLines.some((line) => line.includes('web host started') && line.includes(host.url))).toBe(true);
    expect(logLines.some((line) => line.includes('web host stopped'))).toBe(true);
    for (const line of logLines) expect(line).not.toContain(host.token);
    for (const line of logLines) expect(line).not.toContain(host.token.slice(1));
  });
});

describe('npm run web', () => {
  const children: ChildProcess[] = [];

  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  /** Starts `electron/web/main.ts` through tsx, as the `web` script does. */
  function spawnWeb(...args: string[]): ChildProcess {
    const child = spawn(process.execPath, [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(ROOT, 'electron', 'web', 'main.ts'), ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    return child;
  }

  function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr?.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    return new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  }

  it('prints the address and stops on SIGTERM', async () => {
    const dir = tempDir('planner-web-main-');
    const staticDir = path.join(dir, 'static');
    fs.mkdirSync(staticDir);
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Planner</title>\n');
    const dbPath = path.join(dir, 'x.db');

    const child = spawnWeb('--db', dbPath, '--static', staticDir);
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));

    const lines = readline.createInterface({ input: child.stdout! });
    const stdoutLines: string[] = [];
    const firstLine = await new Promise<string>((resolve, reject) => {
      lines.on('line', (line) => {
        stdoutLines.push(line);
        if (stdoutLines.length === 1) resolve(line);
      });
      child.once('close', () => reject(new Error(`web host exited before printing its address; stderr:\n${stderr}`)));
    });
    expect(firstLine).toMatch(/^Web host: http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+$/);

    const pageUrl = firstLine.slice('Web host: '.length);
    const page = await fetch(pageUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Planner</title>');

    const token = new URL(pageUrl).searchParams.get('token') ?? '';
    const init = await fetch(new URL(HTTP_CALL_PATH, pageUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
      body: JSON.stringify({ method: 'setup.init', input: { role: 'office', cycle: '2012-13', office: OFFICE, passphrase: null } }),
    });
    expect(((await init.json()) as CallEnvelope).ok).toBe(true);

    child.kill('SIGTERM');
    const { code, signal } = await exited;
    expect(signal, stderr).toBeNull();
    expect(code, stderr).toBe(0);
    expect(stdoutLines).toHaveLength(1);
    expect(fs.existsSync(dbPath)).toBe(true);
    // Closing the session checkpoints the write-ahead log into the database file.
    expect(fs.existsSync(`${dbPath}-wal`)).toBe(false);
    expect(stderr).toContain('web host stopped');
    expect(stderr).not.toContain(token);
  });

  it('exits 2 on usage errors', async () => {
    const dir = tempDir('planner-web-main-');
    const cases: [string[], string][] = [
      [[], '--db FILE is required'],
      [['--db', path.join(dir, 'x.db'), '--port', 'eighty'], '--port must be a whole number'],
      [['--db', path.join(dir, 'x.db'), '--port', '70000'], '--port must be a whole number'],
      [['--db', path.join(dir, 'x.db'), '--colour', 'red'], '--colour'],
      [['--db', path.join(dir, 'missing', 'x.db')], 'does not exist'],
    ];
    for (const [args, message] of cases) {
      const result = await exitOf(spawnWeb(...args));
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toContain(message);
      expect(result.stderr, args.join(' ')).toContain('Usage: npm run web');
      expect(result.stdout, args.join(' ')).toBe('');
    }
  });

  it('names the missing renderer build', async () => {
    const dir = tempDir('planner-web-main-');
    const emptyStatic = path.join(dir, 'empty');
    fs.mkdirSync(emptyStatic);
    const result = await exitOf(spawnWeb('--db', path.join(dir, 'x.db'), '--static', emptyStatic));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(path.join(emptyStatic, 'index.html'));
    expect(result.stderr).toContain('npm run build:renderer');
    expect(result.stdout).toBe('');
  });
});
