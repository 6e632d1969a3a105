// /avatars/:file: the provider pictures stored locally at sign-in (public, named by their hash: cached for ever).
import fs from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import type { HttpDeps } from '../deps.js';

export function registerAvatarRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const { identities } = deps.services;
  app.get<{ Params: { file: string } }>('/avatars/:file', { config: { access: 'public' } }, async (request, reply) => {
    const file = identities.avatarFile(request.params.file);
    const body = file ? await fs.readFile(file.path).catch(() => undefined) : undefined;
    if (!file || !body) return reply.callNotFound();
    // The name is the content's sha256: whatever is at this address never changes.
    return reply.header('Cache-Control', 'public, max-age=31536000, immutable').type(file.contentType).send(body);
  });
}
