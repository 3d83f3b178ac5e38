import { createLogger, parseLogLevel } from '../services/logger.js';
import { runCli } from './run.js';

const logger = createLogger((line) => process.stderr.write(line), parseLogLevel(process.env.OUTCOME_PLANNER_LOG, 'warn'));
process.exitCode = runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  logger,
});
