/** A command line the CLI cannot run as written; exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const GENERAL_HELP = `Outcome Planner command line

Usage: npm run planner -- COMMAND [OPTIONS]

Set-up
  init --db FILE --role office --office-id ID --office-name NAME --region CODE [--cycle 2012-13]
  init --db FILE --role hq [--cycle 2012-13]

Office
  entries import --db FILE CSV        replace the entries of the outcomes the file names
                                      (columns outcome,demand,target,note[,country])
  entries list --db FILE [--format csv|json]
  check --db FILE                     list the rules the plan still breaks
  key export --db FILE --out FILE     write the public-key registration file for headquarters
  bundle export --db FILE --out FILE  sign the whole plan as the next revision
  bundle history --db FILE            list exported revisions

Headquarters
  trust add --db FILE KEYFILE         trust an office's key (confirm its fingerprint first)
  trust replace --db FILE --office-id ID KEYFILE   new key for a trusted office
  trust list --db FILE [--format text|json]
  trust revoke --db FILE --office-id ID
  bundle import --db FILE BUNDLE...   one line per file; exit 1 when any file is rejected
  imports list --db FILE [--format text|json]   every file received, with its verdict

Both
  print --db FILE --out PDF [--report summary|table|status]   print a report with Chromium
  export --db FILE --out FILE [--format csv|xlsx|json]        office: entries; HQ: the table
  table --db FILE [--format csv|json|text]
  reconcile --published CSV [--db FILE] [--format text|json]   exit 1 when anything disagrees

Run \`npm run planner -- COMMAND --help\` for one command's options.
Exit codes: 0 success, 1 rejected input or disagreement found, 2 usage error.
Set OUTCOME_PLANNER_LOG=debug|info|warn|error to choose what is logged to stderr (default warn).
`;
