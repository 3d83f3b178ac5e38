import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { HTTP_CALL_PATH, tokenCookieName, TOKEN_HEADER, type CallEnvelope } from '../../shared/api/transport.js';
import type { PlannerSession } from '../services/host/session.js';
import type { Logger } from '../services/logger.js';
import { callForEnvelope } from '../services/host/call-envelope.js';

/**
 * The loopback web host: serves the built renderer and the API to a browser on this computer,
 * for development and for browser tests where the Electron binary cannot run.
 *
 * Any local program (or a web page the user visits) can reach 127.0.0.1, so every request must
 * carry the per-run token, name this host in its Host header, and for API calls come from this
 * origin with a JSON body.
 */

export interface WebHostOptions {
  session: PlannerSession;
  /** Folder of the built renderer; `index.html` is served for `/`. */
  staticDir: string;
  /** 0 or absent picks a free port. */
  port?: number;
  /** Base64url text of at least 16 characters. Without it, the host makes one from 32 random bytes. */
  token?: string;
  logger: Logger;
}

export interface WebHost {
  /** Base address such as `http://127.0.0.1:PORT/`, without the token. */
  url: string;
  /** The listening server, for checks such as `server.address()`. */
  server: http.Server;
  port: number;
  token: string;
  /** Stops accepting requests and ends open connections. The session stays open, because its owner closes it. */
  close(): Promise<void>;
}

/**
 * Maximum API request body in bytes. The largest regular call is a bundle preview: a 4 MiB
 * bundle sent as base64 is about 5.6 MB. 5000 numeric edits, the `entries.setCells` maximum,
 * come to about 345 KB.
 * NOTE: 5000 edits of long justifications (up to 4000 characters each) exceed it and get a 413.
 */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

const CLOSE_GRACE_MS = 2000;

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,}$/;

const SECURITY_HEADERS: Record<string, string> = {
  // AG Grid sets inline styles, so styles allow 'unsafe-inline' and scripts do not.
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.ico': 'image/x-icon',
};

/** Starts the web host on 127.0.0.1 and resolves once it is listening. */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { session, logger } = options;
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`The web host port must be a whole number from 0 to 65535; got ${port}.`);
  }
  if (options.token !== undefined && !TOKEN_PATTERN.test(options.token)) {
    throw new RangeError(`The web host token must be at least 16 characters of A-Z, a-z, 0-9, "-" and "_"; got ${options.token.length} characters.`);
  }
  const token = options.token ?? crypto.randomBytes(32).toString('base64url');
  const staticRoot = fs.realpathSync(options.staticDir);

  // The port is known only after listen(), and the Host and Origin checks need it.
  let boundPort = 0;
  const rejections = new RejectionLog(logger);

  const server = http.createServer((req, res) => {
    handleRequest(req, res).catch((error: unknown) => {
      logger.error('web request failed', { method: req.method, path: pathOnly(req.url), error: errorText(error) });
      if (!res.headersSent) sendText(res, 500, 'Internal error. See the web host log.');
      else res.destroy();
    });
  });

  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    // Browsers often close connections early, so only other client errors are logged as warnings.
    if (error.code === 'ECONNRESET') logger.debug('web client disconnected', { error: error.message });
    else logger.warn('malformed web request', { error: error.message, code: error.code });
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });

  async function handleRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const remote = req.socket.remoteAddress ?? 'unknown';
    const host = (req.headers.host ?? '').toLowerCase();
    if (host !== `127.0.0.1:${boundPort}` && host !== `localhost:${boundPort}`) {
      rejections.record('host', remote, { host: req.headers.host?.slice(0, 200) ?? null });
      sendText(res, 421, `Misdirected request: this web host accepts only the Host 127.0.0.1:${boundPort} or localhost:${boundPort}.`);
      return;
    }

    const target = splitTarget(req.url);
    if (!target) {
      sendText(res, 400, 'Invalid request target.');
      return;
    }

    const isApi = target.path === HTTP_CALL_PATH;
    const credential = findCredential(req, target.query, token, isApi, tokenCookieName(boundPort));
    if (!credential) {
      rejections.record('token', remote, { method: req.method, path: target.path });
      sendText(res, 403, 'Forbidden: open the full address, with its token, that the web host printed at start.');
      return;
    }

    if (isApi) {
      await handleApiCall(req, res, remote);
      return;
    }
    await serveStatic(req, res, target.path, credential === 'query' ? token : null);
  }

  async function handleApiCall(req: http.IncomingMessage, res: http.ServerResponse, remote: string): Promise<void> {
    if (req.method !== 'POST') {
      sendText(res, 405, `Use POST for ${HTTP_CALL_PATH}.`, { Allow: 'POST' });
      return;
    }
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://127.0.0.1:${boundPort}` && origin !== `http://localhost:${boundPort}`) {
      rejections.record('origin', remote, { origin: origin.slice(0, 200) });
      sendText(res, 403, 'Forbidden: API calls are accepted only from pages of this web host.');
      return;
    }
    // A JSON content type makes a cross-origin browser request need a CORS preflight, which this host never grants.
    if (mediaType(req.headers['content-type']) !== 'application/json') {
      rejections.record('content-type', remote, { contentType: req.headers['content-type']?.slice(0, 200) ?? null });
      sendText(res, 403, 'Forbidden: API calls need Content-Type: application/json.');
      return;
    }

    const body = await readBody(req, MAX_BODY_BYTES);
    if (body === 'too-large') {
      logger.warn('API request body too large', { remote, maxBytes: MAX_BODY_BYTES });
      const message = `The request body is larger than ${MAX_BODY_BYTES} bytes. Send fewer edits per call.`;
      sendEnvelope(res, 413, { ok: false, error: { code: 'invalid-input', message } }, { Connection: 'close' });
      return;
    }

    let request: unknown;
    try {
      request = JSON.parse(body.toString('utf8'));
    } catch (error) {
      sendEnvelope(res, 400, { ok: false, error: { code: 'invalid-input', message: `The request body is not valid JSON: ${(error as Error).message}` } });
      return;
    }
    if (request === null || typeof request !== 'object' || Array.isArray(request)) {
      sendEnvelope(res, 400, { ok: false, error: { code: 'invalid-input', message: 'The request body must be a JSON object with "method" and "input".' } });
      return;
    }

    const { method, input } = request as { method?: unknown; input?: unknown };
    sendEnvelope(res, 200, await callSession(method, input));
  }

  function callSession(method: unknown, input: unknown): Promise<CallEnvelope> {
    return callForEnvelope(session, method, input, logger, () => 'The call failed unexpectedly. See the web host log for details.');
  }

  async function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, urlPath: string, tokenForCookie: string | null): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'Only GET and HEAD are allowed here.', { Allow: 'GET, HEAD' });
      return;
    }
    const relative = safeRelativePath(urlPath);
    if (relative === null) {
      sendText(res, 400, 'Invalid path.');
      return;
    }
    const file = await resolveInside(staticRoot, relative === '' ? 'index.html' : relative);
    if (!file) {
      sendText(res, 404, 'Not found.');
      return;
    }

    const headers: Record<string, string | number> = {
      'Content-Type': CONTENT_TYPES[path.extname(file.path).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': file.size,
    };
    if (tokenForCookie !== null) headers['Set-Cookie'] = `${tokenCookieName(boundPort)}=${tokenForCookie}; HttpOnly; SameSite=Strict; Path=/`;
    res.writeHead(200, { ...SECURITY_HEADERS, ...headers });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    try {
      await pipeline(fs.createReadStream(file.path), res);
    } catch (error) {
      // A browser that navigates away mid-download closes the response early, which is not an error.
      if ((error as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw error;
      logger.debug('web client closed a download early', { path: urlPath });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => logger.error('web host server error', { error: errorText(error) }));

  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The web host did not get a TCP address.');
  boundPort = address.port;
  const url = `http://127.0.0.1:${boundPort}/`;
  logger.info('web host started', { url, staticDir: staticRoot });

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      // Idle keep-alive connections end now, and requests in progress get CLOSE_GRACE_MS to finish.
      const timer = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
      timer.unref();
      server.close(() => {
        clearTimeout(timer);
        rejections.summarize();
        logger.info('web host stopped', { url });
        resolve();
      });
      server.closeIdleConnections();
    });
    return closing;
  };

  return { url, server, port: boundPort, token, close };
}

/**
 * Returns where a valid token came from, or null. API calls must send the header, because a page
 * of another site cannot set it. Pages and assets may also use the query (first load) or the cookie.
 */
function findCredential(
  req: http.IncomingMessage,
  query: URLSearchParams,
  token: string,
  isApi: boolean,
  cookieName: string,
): 'header' | 'query' | 'cookie' | null {
  const header = req.headers[TOKEN_HEADER];
  if (typeof header === 'string' && tokensEqual(header, token)) return 'header';
  if (isApi) return null;
  const fromQuery = query.get('token');
  if (fromQuery !== null && tokensEqual(fromQuery, token)) return 'query';
  for (const value of cookieValues(req.headers.cookie, cookieName)) {
    if (tokensEqual(value, token)) return 'cookie';
  }
  return null;
}

/** Compares in constant time; a value of another length still costs one comparison. */
function tokensEqual(candidate: string, token: string): boolean {
  const expected = Buffer.from(token, 'utf8');
  const given = Buffer.from(candidate, 'utf8');
  if (given.length !== expected.length) {
    crypto.timingSafeEqual(expected, expected);
    return false;
  }
  return crypto.timingSafeEqual(given, expected);
}

/** Returns every value of the named cookie, because browsers send several when paths differ. */
function cookieValues(header: string | undefined, name: string): string[] {
  if (!header) return [];
  const values: string[] = [];
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    if (part.slice(0, index).trim() === name) values.push(part.slice(index + 1).trim());
  }
  return values;
}

/** Splits an origin-form request target into its raw path and its query; null for any other form. */
function splitTarget(rawUrl: string | undefined): { path: string; query: URLSearchParams } | null {
  if (!rawUrl || !rawUrl.startsWith('/')) return null;
  const index = rawUrl.indexOf('?');
  const rawPath = index < 0 ? rawUrl : rawUrl.slice(0, index);
  const query = new URLSearchParams(index < 0 ? '' : rawUrl.slice(index + 1));
  return { path: rawPath, query };
}

/**
 * Decodes a URL path into a path relative to the static folder, or returns null for a path that
 * could leave that folder. Rejected are `.` and `..` segments (encoded or not), NUL, backslashes,
 * empty segments, colons (drive letters) and invalid percent-encoding.
 */
function safeRelativePath(rawPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.includes(':')) return null;
  const relative = decoded.slice(1);
  if (relative === '') return '';
  const segments = relative.split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) return null;
  if (path.isAbsolute(relative)) return null;
  return segments.join(path.sep);
}

/** Resolves a regular file under `root`, following links only while they stay inside it. */
async function resolveInside(root: string, relative: string): Promise<{ path: string; size: number } | null> {
  const candidate = path.resolve(root, relative);
  if (!isInside(root, candidate)) return null;
  let real: string;
  try {
    real = await fs.promises.realpath(candidate);
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
  if (!isInside(root, real)) return null;
  const stat = await fs.promises.stat(real);
  if (!stat.isFile()) return null;
  return { path: real, size: stat.size };
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/**
 * Reads the whole body, or stops counting at `maxBytes` and discards the rest. It never destroys
 * the request, because that would reset the connection before the 413 response reaches the client.
 */
function readBody(req: http.IncomingMessage, maxBytes: number): Promise<Buffer | 'too-large'> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.resolve('too-large');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      chunks.length = 0;
      resolve('too-large');
    };
    const onEnd = () => resolve(Buffer.concat(chunks));
    const onError = (error: Error) => reject(error);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function sendText(res: http.ServerResponse, status: number, message: string, extra: Record<string, string> = {}): void {
  const body = `${message}\n`;
  res.writeHead(status, { ...SECURITY_HEADERS, ...extra, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function sendEnvelope(res: http.ServerResponse, status: number, envelope: CallEnvelope, extra: Record<string, string> = {}): void {
  const body = JSON.stringify(envelope);
  res.writeHead(status, { ...SECURITY_HEADERS, ...extra, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** Returns the request path without its query, which may contain the token. */
function pathOnly(rawUrl: string | undefined): string {
  return (rawUrl ?? '').split('?')[0] ?? '';
}

function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/**
 * Logs the first rejected request of each kind from each address, and counts the rest, so a
 * client retrying in a loop cannot flood the log. The token is never logged.
 */
class RejectionLog {
  private readonly counts = new Map<string, { reason: string; remote: string; count: number }>();

  constructor(private readonly logger: Logger) {}

  record(reason: string, remote: string, fields: Record<string, string | null | undefined>): void {
    const key = `${reason} ${remote}`;
    const entry = this.counts.get(key);
    if (entry) {
      entry.count += 1;
      return;
    }
    this.counts.set(key, { reason, remote, count: 1 });
    this.logger.warn('web request rejected (repeats from this address are counted and logged at stop)', { reason, remote, ...fields });
  }

  summarize(): void {
    for (const { reason, remote, count } of this.counts.values()) {
      if (count > 1) this.logger.warn('web requests rejected while running', { reason, remote, count });
    }
  }
}
