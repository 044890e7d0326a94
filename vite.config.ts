import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

const require = createRequire(import.meta.url);

/**
 * OCR files served from the app bundle (`ocr/`), so reading a scanned convention never goes to the network:
 * tesseract.js's worker, its WebAssembly core (the .wasm.js build embeds the binary) and the French data.
 */
function ocrAssets(): Plugin {
  const files: [string, string][] = [
    ['ocr/worker.min.js', require.resolve('tesseract.js/dist/worker.min.js')],
    ['ocr/tesseract-core-lstm.wasm.js', require.resolve('tesseract.js-core/tesseract-core-lstm.wasm.js')],
    ['ocr/fra.traineddata.gz', require.resolve('@tesseract.js-data/fra/4.0.0/fra.traineddata.gz')],
  ];
  return {
    name: 'ocr-assets',
    generateBundle() {
      for (const [fileName, path] of files) this.emitFile({ type: 'asset', fileName, source: readFileSync(path) });
    },
  };
}

// The renderer is served from a custom protocol (app://) in Electron and from localhost in `npm run web`:
// relative asset paths work for both.
export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react(), ocrAssets()],
  worker: { format: 'es' },
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
