// Bundles the Electron main process and preload script with esbuild into dist/electron/.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = path.join(root, 'dist', 'electron');

// Electron 39 ships Node 22.20 and Chromium 142, as Electron's release notes list; the targets match.
const mainTarget = 'node22';
const preloadTarget = 'chrome142';

/**
 * CommonJS has no `import.meta`. The services compute a default path from `import.meta.url`
 * when they are loaded, so the bundle defines it from the bundle file's own path.
 */
const importMetaUrlShim = "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;";

await build({
  entryPoints: [path.join(root, 'electron', 'main.ts')],
  outfile: path.join(outDir, 'main.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: mainTarget,
  // Native and Electron-provided modules are loaded from node_modules at run time.
  external: ['electron', 'better-sqlite3', 'electron-log'],
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: importMetaUrlShim },
  sourcemap: 'linked',
  logLevel: 'info',
});

await build({
  entryPoints: [path.join(root, 'electron', 'preload.ts')],
  outfile: path.join(outDir, 'preload.cjs'),
  bundle: true,
  // A sandboxed preload runs in a browser-like context that offers `require` only for `electron`.
  platform: 'browser',
  format: 'cjs',
  target: preloadTarget,
  external: ['electron'],
  sourcemap: 'linked',
  logLevel: 'info',
});
