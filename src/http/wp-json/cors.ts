// The headers WordPress puts on every REST answer (rest_send_cors_headers and friends), and the CORS preflight, so
// browser apps on other origins can read the API. Credentials are never allowed cross-origin: another site's page
// may read public data or send an application password it holds, never ride on a reader's session cookie.
import type { FastifyInstance } from 'fastify';

const ALLOWED_HEADERS = 'Authorization, X-WP-Nonce, Content-Disposition, Content-MD5, Content-Type';
const ALLOWED_METHODS = 'OPTIONS, GET, POST, PUT, PATCH, DELETE';

/** Adds WordPress's API headers to every route of `scope`, and answers OPTIONS for any /wp-json path. */
export function installWpCors(scope: FastifyInstance): void {
  scope.addHook('onRequest', async (request, reply) => {
    reply.header('X-Robots-Tag', 'noindex');
    reply.header('Access-Control-Expose-Headers', 'X-WP-Total, X-WP-TotalPages, Link');
    reply.header('Access-Control-Allow-Headers', ALLOWED_HEADERS);
    reply.header('Vary', 'Origin');
    const origin = request.headers.origin;
    // Echoed as WordPress does, but without Access-Control-Allow-Credentials (see above).
    if (typeof origin === 'string' && /^https?:\/\/[^\s/]+$/i.test(origin)) reply.header('Access-Control-Allow-Origin', origin);
  });
  scope.options('/wp-json/*', { config: { access: 'public', surface: 'api' } }, async (_request, reply) =>
    reply.status(200).header('Access-Control-Allow-Methods', ALLOWED_METHODS).header('Access-Control-Max-Age', '600').send());
}
