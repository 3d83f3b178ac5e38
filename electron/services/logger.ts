/**
 * The services' logger. The Electron shell routes it to electron-log; the CLI and the web host
 * write it to stderr, so that stdout carries only command output.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const LEVEL_RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function parseLogLevel(value: string | undefined, fallback: LogLevel): LogLevel {
  return value !== undefined && value in LEVEL_RANK ? (value as LogLevel) : fallback;
}

/** Creates a logger that writes one line per record at or above `level` through `write`. */
export function createLogger(write: (line: string) => void, level: LogLevel): Logger {
  const emit = (recordLevel: LogLevel, message: string, fields?: LogFields) => {
    if (LEVEL_RANK[recordLevel] < LEVEL_RANK[level]) return;
    const extra = fields
      ? Object.entries(fields)
          .filter(([, value]) => value !== undefined)
          .map(([key, value]) => ` ${key}=${JSON.stringify(value)}`)
          .join('')
      : '';
    write(`${new Date().toISOString()} ${recordLevel.toUpperCase()} ${message}${extra}\n`);
  };
  return {
    debug: (message, fields) => emit('debug', message, fields),
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
  };
}

/** A logger that drops everything, for tests that do not check logs. */
export const silentLogger: Logger = createLogger(() => undefined, 'error');
