import { createReadStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Context, Next } from 'koa';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};

/**
 * Serves the built SPA: real files by path (hashed assets cached for a year), anything else that is a GET for
 * HTML falls back to index.html so client-side routes survive a reload.
 */
export function serveWebApp(distDir: string | undefined) {
  const root = distDir ? path.resolve(distDir) : undefined;
  const index = root ? path.join(root, 'index.html') : undefined;
  return async (ctx: Context, next: Next) => {
    if (!root || !index || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) return next();
    if (
      ctx.path.startsWith('/api/') ||
      ctx.path.startsWith('/s/') ||
      ctx.path === '/health' ||
      ctx.path.startsWith('/health/') ||
      ctx.path === '/metrics'
    ) {
      return next();
    }
    const rel = decodeURIComponent(ctx.path);
    const file = path.join(root, path.normalize(rel));
    if (!file.startsWith(root)) return next();
    if (rel !== '/' && existsSync(file) && statSync(file).isFile()) {
      ctx.type = TYPES[path.extname(file)] ?? 'application/octet-stream';
      ctx.set(
        'Cache-Control',
        rel.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
      ctx.body = createReadStream(file);
      ctx.state.quietLog = true;
      return;
    }
    if (path.extname(rel) && rel !== '/') return next();
    if (!existsSync(index)) return next();
    ctx.type = TYPES['.html']!;
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = createReadStream(index);
    ctx.state.quietLog = true;
  };
}
