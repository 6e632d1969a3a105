// The theme's few static files, read once at start and served under content-hashed names (cache forever).
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sha256 } from '../kernel/ids.js';

const TYPES: Readonly<Record<string, string>> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export interface Asset {
  readonly href: string;
  readonly body: Buffer;
  readonly type: string;
}

/** Loads every servable file of `dir`; the map's keys are the plain names (quire.css). */
export function loadAssets(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const name of fs.readdirSync(dir)) {
    const type = TYPES[path.extname(name)];
    if (!type) continue;
    const body = fs.readFileSync(path.join(dir, name));
    const hash = sha256(body.toString('latin1')).slice(0, 10);
    const ext = path.extname(name);
    assets.set(name, { href: `/assets/${path.basename(name, ext)}.${hash}${ext}`, body, type });
  }
  return assets;
}

export function registerAssetRoutes(app: FastifyInstance, assets: ReadonlyMap<string, Asset>): void {
  const byHref = new Map([...assets.values()].map((a) => [a.href, a]));
  app.get('/assets/:file', { config: { access: 'public' } }, async (request, reply) => {
    const asset = byHref.get(request.url.split('?')[0] ?? '');
    if (!asset) return reply.callNotFound();
    return reply.header('Cache-Control', 'public, max-age=31536000, immutable').type(asset.type).send(asset.body);
  });
}
