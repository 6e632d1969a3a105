// GET /healthz: 200 while the database answers, 503 when it does not (for load balancers and systemd).
import type { FastifyInstance } from 'fastify';
import type { HttpDeps } from './deps.js';

export function registerHealthRoute(app: FastifyInstance, deps: HttpDeps): void {
  app.get('/healthz', { config: { access: 'public', surface: 'api' }, logLevel: 'warn' }, async (_request, reply) => {
    const healthy = await deps.isHealthy();
    return reply
      .status(healthy ? 200 : 503)
      .header('Cache-Control', 'no-store')
      .send({ status: healthy ? 'ok' : 'unavailable', database: healthy ? 'up' : 'down' });
  });
}
