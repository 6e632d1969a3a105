// WordPress's plain-permalink form of the API, /?rest_route=/wp/v2/posts&per_page=2: rewritten to
// /wp-json/wp/v2/posts?per_page=2 before routing (Fastify's rewriteUrl), so one set of routes answers both.
import type { IncomingMessage } from 'node:http';

/** The URL to route `request` by: /wp-json… for a `rest_route` request on / or /index.php, /wp-json/ for /wp-json, else unchanged. */
export function rewriteRestRoute(request: Pick<IncomingMessage, 'url'>): string {
  const url = request.url ?? '/';
  const queryAt = url.indexOf('?');
  // The index without its slash (a hand-typed address) is the index, as WordPress's canonical redirect makes it.
  if ((queryAt < 0 ? url : url.slice(0, queryAt)) === '/wp-json') return `/wp-json/${queryAt < 0 ? '' : url.slice(queryAt)}`;
  if (queryAt < 0 || !/^\/(index\.php)?$/.test(url.slice(0, queryAt))) return url;
  const query = new URLSearchParams(url.slice(queryAt + 1));
  const route = query.get('rest_route');
  if (route === null || !route.startsWith('/')) return url;
  query.delete('rest_route');
  const rest = query.toString();
  // The route is a path: anything that would leave it (a query or fragment inside it) is cut off.
  const path = (route.split(/[?#]/)[0] ?? '/').replace(/[^\w\-./~:@!$&'()*+,;=]/g, (c) => (c.length === 1 && c >= '\ud800' && c <= '\udfff' ? '' : encodeURIComponent(c)));
  return `/wp-json${path}${rest ? `?${rest}` : ''}`;
}
