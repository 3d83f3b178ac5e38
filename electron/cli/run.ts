import { parseArgs } from 'node:util';
import { isPlannerError } from '../../shared/api/errors.js';
import { COMMANDS, findCommand, type CommandIo, type CommandSpec } from './commands.js';
import { GENERAL_HELP, UsageError } from './usage.js';

type CliIo = CommandIo & { err: (text: string) => void };

/**
 * Runs one CLI invocation and returns its exit code: 0 success, 1 rejected input or
 * disagreement found, 2 usage error. Kept apart from process handling so tests can call it.
 * Commands that print PDFs finish asynchronously; every other command returns a number.
 */
export function runCli(args: readonly string[], io: CliIo): number | Promise<number> {
  if (args.length === 0 || args[0] === '--help' || args[0] === '-h' || args[0] === 'help') {
    io.out(GENERAL_HELP);
    return args.length === 0 ? 2 : 0;
  }
  const found = findCommand(args);
  if (!found) return unknownCommand(args, io);
  const { spec, rest } = found;
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`Usage: npm run planner -- ${spec.help}\n`);
    return 0;
  }

  let result: number | Promise<number>;
  try {
    result = runParsed(spec, rest, io);
  } catch (error) {
    return failure(spec, error, io);
  }
  return typeof result === 'number' ? result : result.catch((error: unknown) => failure(spec, error, io));
}

function runParsed(spec: CommandSpec, rest: string[], io: CliIo): number | Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...rest], options: spec.options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(optionError(error as Error & { code?: string }, spec));
  }
  const positionals = parsed.positionals;
  const { count, name } = spec.positionals;
  if (count === 'none' && positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}".`);
  if (count === 'one' && positionals.length !== 1) throw new UsageError(`give exactly one ${name} file.`);
  if (count === 'many' && positionals.length === 0) throw new UsageError(`give at least one ${name} file.`);
  return spec.run(parsed.values, positionals, io);
}

/** Rephrases node:util's option errors, which quote their own suggestions oddly. */
function optionError(error: Error & { code?: string }, spec: CommandSpec): string {
  const option = /'(-{1,2}[^' ]+)/.exec(error.message)?.[1];
  const known = Object.keys(spec.options).map((o) => `--${o}`).join(', ');
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${option ?? ''}; ${spec.name} takes ${known || 'no options'}.`;
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return `option ${option ?? ''} needs a value.`;
  return error.message;
}

/** Handles a first word that is not a command; one that names a group (`bundle`, `trust`) lists its commands. */
function unknownCommand(args: readonly string[], io: CliIo): number {
  const group = COMMANDS.filter((c) => c.name.split(' ')[0] === args[0] && c.name.includes(' '));
  if (group.length > 0) {
    const wantsHelp = args.slice(1).every((a) => a === '--help' || a === '-h') && args.length > 1;
    const text = `The ${args[0]} commands:\n${group.map((c) => `  ${c.help.split('\n')[0]}`).join('\n')}\n`;
    if (wantsHelp) {
      io.out(text);
      return 0;
    }
    io.err(`Error: ${args.length > 1 ? `"${args[0]} ${args[1]}" is not a command` : `"${args[0]}" needs a subcommand`}.\n${text}`);
    return 2;
  }
  const names = [...new Set(COMMANDS.map((c) => c.name.split(' ')[0]))].join(', ');
  io.err(`Error: unknown command "${args[0]}"; the commands are ${names}. Run with --help for usage.\n`);
  return 2;
}

function failure(spec: CommandSpec, error: unknown, io: CliIo): number {
  if (error instanceof UsageError) {
    io.err(`Error: ${error.message}\nUsage: npm run planner -- ${spec.help.split('\n')[0]}\n`);
    return 2;
  }
  if (isPlannerError(error)) {
    io.err(`Error: ${error.message}\n`);
    return error.code === 'wrong-role' ? 2 : 1;
  }
  io.logger.error('command failed', { command: spec.name, error: (error as Error).stack ?? String(error) });
  io.err(`Error: ${spec.name} failed unexpectedly: ${(error as Error).message}\n`);
  return 1;
}
