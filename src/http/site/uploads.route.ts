// /uploads/*: the files of the media library, streamed from <data dir>/uploads. Only paths the media table knows
// (an original or one of its sizes) are served, and never as a page: a file cannot run script on this site.
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import type { HttpDeps } from '../deps.js';

/** An upload's name is never reused while it exists: caches may keep it for a year. */
const CACHE_CONTROL = 'public, max-age=31536000, immutable';
const SANDBOX = "default-src 'none'; sandbox";

export function registerUploadRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const { media } = deps.services;
  app.get<{ Params: { '*': string } }>('/uploads/*', { config: { access: 'public' } }, async (request, reply) => {
    const file = await media.servedFile(request.params['*']);
    const stat = file ? await fs.stat(file.absolutePath).catch(() => undefined) : undefined;
    if (!file || !stat?.isFile()) return reply.callNotFound();
    const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
    reply
      .header('Cache-Control', CACHE_CONTROL)
      .header('ETag', etag)
      .header('Last-Modified', stat.mtime.toUTCString())
      .header('X-Content-Type-Options', 'nosniff')
      .header('Content-Security-Policy', SANDBOX)
      .type(file.mimeType);
    const inm = request.headers['if-none-match'];
    if (inm && inm.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) return reply.status(304).send();
    return reply.header('Content-Length', stat.size).send(createReadStream(file.absolutePath));
  });
}
