/**
 * The app:// protocol handler: serves the built renderer (dist/renderer) with the CSP as a header.
 * Only GET of files inside the root; anything else is 404/405. The scheme is registered `standard` + `secure`
 * in main.ts before `ready` (IndexedDB and navigator.storage need a secure, standard origin).
 */
import path from 'node:path';
import { APP_HOST } from '../shared/ipc/contract';
import { CONTENT_SECURITY_POLICY } from './security';

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.jpg': 'image/jpeg',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function createAppProtocolHandler(root: string, readFile: (file: string) => Promise<Uint8Array>): (request: Request) => Promise<Response> {
  const base = path.resolve(root);
  const text = (status: number, body: string) =>
    new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'content-security-policy': CONTENT_SECURITY_POLICY } });
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'Méthode refusée');
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return text(400, 'Adresse invalide');
    }
    if (url.host !== APP_HOST) return text(404, 'Introuvable');
    let rel: string;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      return text(400, 'Adresse invalide');
    }
    if (rel === '/' || rel === '') rel = '/index.html';
    const file = path.resolve(base, `.${path.posix.normalize(rel)}`);
    if (!file.startsWith(base + path.sep)) return text(404, 'Introuvable');
    let body: Uint8Array;
    try {
      body = await readFile(file);
    } catch {
      return text(404, 'Introuvable');
    }
    const type = mimeTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: {
        'content-type': type,
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-cache',
      },
    });
  };
}
