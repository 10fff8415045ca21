import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';

// The small web page: a chat with the assistant in the browser, over POST /api/chat (the AI SDK
// UI message stream). Static files read once when the route is built; Markdown in answers is
// rendered by marked in the page, with raw HTML escaped. A strict Content-Security-Policy (no
// inline script or style, nothing from other origins) keeps scraped text that slips into an
// answer from running or loading anything.

const WEB_DIR = join(import.meta.dirname, 'web');

/** The page may load and call only this server; no inline code, no frames. */
export const WEB_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'content-security-policy': WEB_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

interface Asset {
  body: string;
  type: string;
}

function loadAssets(): Record<string, Asset> {
  const file = (name: string) => readFileSync(join(WEB_DIR, name), 'utf8');
  // Without its source map comment: the map is not served.
  const marked = readFileSync(fileURLToPath(import.meta.resolve('marked')), 'utf8').replace(
    /\n\/\/# sourceMappingURL=.*\s*$/,
    '\n',
  );
  return {
    '/': { body: file('index.html'), type: 'text/html; charset=utf-8' },
    '/assets/chat.js': { body: file('chat.js'), type: 'text/javascript; charset=utf-8' },
    '/assets/chat.css': { body: file('chat.css'), type: 'text/css; charset=utf-8' },
    '/assets/marked.js': { body: marked, type: 'text/javascript; charset=utf-8' },
  };
}

/** GET / and its assets. */
export function createWebRoute(): Hono {
  const assets = loadAssets();
  const app = new Hono();
  for (const [path, asset] of Object.entries(assets)) {
    app.get(path, (c) => c.body(asset.body, 200, { ...SECURITY_HEADERS, 'content-type': asset.type }));
  }
  return app;
}
