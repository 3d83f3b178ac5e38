import fs from 'node:fs';

/**
 * Moves to the folder the user typed the command in. `npm run` starts scripts in the project
 * folder and records the user's folder in INIT_CWD, so without this a relative path such as
 * `plan.csv` would be looked up in the project instead of where the user is.
 */
export function enterUserFolder(): void {
  const folder = process.env.INIT_CWD;
  if (folder && folder !== process.cwd() && fs.existsSync(folder)) process.chdir(folder);
}
