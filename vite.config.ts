import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is loaded from file:// in the desktop app and from the loopback web host, so
// asset URLs must be relative.
export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    // Old office laptops run whatever Electron ships, which is a current Chromium.
    target: 'chrome120',
    chunkSizeWarningLimit: 2500,
  },
});
