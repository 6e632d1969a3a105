// GET /wp-json/ (the site and every route with its methods and args, what WPAPI.discover reads) and
// GET /wp-json/wp/v2 (one namespace), both built from the routes the router holds, so they never drift.
import { localDateTimeOf } from '../../kernel/time.js';
import type { WpApi, WpRoute } from './api.js';
import type { ArgSpec, ArgSpecs } from './args.js';
import { apiUrl, siteUrl } from './links.js';

const CONTEXT_ARG = { context: { type: 'string', enum: ['view', 'embed', 'edit'], default: 'view', description: 'Scope under which the request is made; determines fields present in response.' } } as const;

/** WordPress's args object: every declared arg with `required` spelled out (our `orString` reading aid left out). */
function argsOf(specs: ArgSpecs | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(specs ?? {}).map(([name, spec]) => {
    const { orString: _reading, ...schema } = spec as ArgSpec & { orString?: true };
    return [name, { ...schema, required: spec.required ?? false }];
  }));
}

function describe(route: WpRoute): Record<string, unknown> {
  const methods = [...new Set(route.endpoints.flatMap((e) => e.methods))];
  return {
    namespace: route.namespace,
    methods,
    endpoints: route.endpoints.map((e) => ({ methods: e.methods, args: argsOf(e.args) })),
    ...(route.href ? { _links: { self: [{ href: route.href }] } } : {}),
  };
}

function routesOf(api: WpApi, namespace?: string): Record<string, unknown> {
  const routes = api.routes().filter((route) => namespace === undefined || route.namespace === namespace);
  return Object.fromEntries(routes.map((route) => [route.pattern, describe(route)]));
}

/** Hours the site's time zone is ahead of UTC now, as WordPress's gmt_offset option ("0", "5.5", "-4"). */
function gmtOffset(timezone: string, now: Date): string {
  const local = Date.parse(`${localDateTimeOf(now, timezone)}Z`);
  const hours = Math.round((local - Math.floor(now.getTime() / 1000) * 1000) / 900_000) / 4;
  return String(hours);
}

/** Extra entries of the index's `authentication` object (REST-2 adds application-passwords). */
export type AuthenticationDescriptions = Record<string, unknown>;

export function registerIndexRoutes(api: WpApi, authentication: AuthenticationDescriptions): void {
  const { deps } = api;
  api.route('/', {
    methods: ['GET'],
    args: CONTEXT_ARG,
    async handler() {
      const settings = await deps.services.settings.get();
      const namespaces = [...new Set(api.routes().map((route) => route.namespace).filter(Boolean))];
      return {
        body: {
          name: settings.title,
          description: settings.tagline,
          url: siteUrl(deps),
          home: siteUrl(deps),
          gmt_offset: gmtOffset(settings.timezone, deps.clock.now()),
          timezone_string: settings.timezone,
          namespaces,
          // PHP's empty array is a JSON list: WordPress sends [] when it offers no authentication method.
          authentication: Object.keys(authentication).length > 0 ? authentication : [],
          routes: routesOf(api),
          site_logo: 0,
          site_icon: 0,
          site_icon_url: '',
          _links: { help: [{ href: 'https://developer.wordpress.org/rest-api/' }] },
        },
      };
    },
  });
  api.route('/wp/v2', {
    methods: ['GET'],
    args: { ...CONTEXT_ARG, namespace: { type: 'string', default: 'wp/v2' } },
    async handler() {
      return { body: { namespace: 'wp/v2', routes: routesOf(api, 'wp/v2'), _links: { up: [{ href: apiUrl(deps, '/') }] } } };
    },
  });
}
