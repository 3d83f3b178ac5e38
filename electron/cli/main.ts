import { createLogger, parseLogLevel } from '../services/logger.js';
import { runCli } from './run.js';
import { enterUserFolder } from './user-cwd.js';

enterUserFolder();

// Rejections are already reported on the command's own lines, so the log shows errors only
// unless OUTCOME_PLANNER_LOG requests more.
const requested = process.env.OUTCOME_PLANNER_LOG;
const logger = createLogger((line) => process.stderr.write(line), parseLogLevel(requested, 'error'));
if (requested !== undefined && parseLogLevel(requested, 'error') === 'error' && requested !== 'error') {
  process.stderr.write(`Warning: OUTCOME_PLANNER_LOG=${requested} is not a log level; use debug, info, warn or error.\n`);
}

const result = runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  logger,
});
if (typeof result === 'number') process.exitCode = result;
else void result.then((code) => (process.exitCode = code));
