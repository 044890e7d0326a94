import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

// The renderer is served from a custom protocol (app://) in Electron and from localhost in `npm run web`:
// relative asset paths work for both.
export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  publicDir: fileURLToPath(new URL('./assets/public', import.meta.url)),
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome130',
    chunkSizeWarningLimit: 4000,
    // bench.html hosts the in-page figures of `npm run bench` (same origin as the app, so it sees its data).
    rollupOptions: { input: { main: fileURLToPath(new URL('./renderer/index.html', import.meta.url)), bench: fileURLToPath(new URL('./renderer/bench.html', import.meta.url)) } },
  },
  server: { port: 5173, strictPort: true },
  preview: { port: 4173, strictPort: true },
});
