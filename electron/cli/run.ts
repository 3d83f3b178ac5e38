import { parseArgs } from 'node:util';
import { isPlannerError } from '../../shared/api/errors.js';
import { COMMANDS, findCommand, type CommandIo } from './commands.js';
import { GENERAL_HELP, UsageError } from './usage.js';

/**
 * Runs one CLI invocation and returns its exit code: 0 success, 1 rejected input or
 * disagreement found, 2 usage error. Kept apart from process handling so tests can call it.
 */
export function runCli(args: readonly string[], io: CommandIo & { err: (text: string) => void }): number {
  if (args.length === 0 || args[0] === '--help' || args[0] === '-h' || args[0] === 'help') {
    io.out(GENERAL_HELP);
    return args.length === 0 ? 2 : 0;
  }
  const found = findCommand(args);
  if (!found) {
    const names = [...new Set(COMMANDS.map((c) => c.name.split(' ')[0]))].join(', ');
    io.err(`Error: unknown command "${args.slice(0, 2).join(' ')}"; the commands are ${names}. Run with --help for usage.\n`);
    return 2;
  }
  const { spec, rest } = found;
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`Usage: npm run planner -- ${spec.help}\n`);
    return 0;
  }

  try {
    let parsed;
    try {
      parsed = parseArgs({ args: [...rest], options: spec.options, allowPositionals: true, strict: true });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const positionals = parsed.positionals;
    const { count, name } = spec.positionals;
    if (count === 'none' && positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}".`);
    if (count === 'one' && positionals.length !== 1) throw new UsageError(`give exactly one ${name} file.`);
    if (count === 'many' && positionals.length === 0) throw new UsageError(`give at least one ${name} file.`);
    return spec.run(parsed.values, positionals, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`Error: ${error.message}\nUsage: npm run planner -- ${spec.help.split('\n')[0]}\n`);
      return 2;
    }
    if (isPlannerError(error)) {
      io.err(`Error: ${error.message}\n`);
      if (error.code === 'wrong-role') return 2;
      return 1;
    }
    io.logger.error('command failed', { command: spec.name, error: (error as Error).stack ?? String(error) });
    io.err(`Error: ${spec.name} failed unexpectedly: ${(error as Error).message}\n`);
    return 1;
  }
}
