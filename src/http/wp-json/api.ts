// The WordPress API's router: every /wp-json endpoint is declared here with its arguments (checked by WordPress's
// rules, listed by the index), its handler returns data, and one pipeline adds `_embed`, `_fields` and headers.
// Handlers never see Fastify's reply, so embedding a resource is calling its GET handler directly.
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { User } from '../../features/users/index.js';
import { isAppError } from '../../kernel/errors.js';
import type { HttpDeps } from '../deps.js';
import { statusOf } from '../errors.js';
import { type Args, type ArgSpecs, parseArgs } from './args.js';
import { apiCaller } from './caller.js';
import { embedLinks, embedRequest } from './embed.js';
import { filterFields, fieldsRequest } from './fields.js';
import { apiUrl } from './links.js';
import { wpErrorResponse } from './wp-error.js';

export type WpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a handler is given. */
export interface WpRequest {
  /** Path parameters, query and body merged (body over query, path over both) and checked against the endpoint's args. */
  readonly args: Args;
  /** Who is calling (caller.ts): undefined when anonymous. */
  readonly caller: User | undefined;
  /** The path asked for under /wp-json, e.g. /wp/v2/posts (collection Link headers point back at it). */
  readonly route: string;
  /** The query string as sent: collection Link headers repeat it. */
  readonly query: URLSearchParams;
  /**
   * The HTTP request itself, for the few handlers that need more than args: the client's address (comment rules
   * count by it), its headers, and a body that is not a JSON object or form (an upload's stream). Absent when embedded.
   */
  readonly http?: { readonly ip: string; readonly headers: IncomingHttpHeaders; readonly body: unknown };
}

/** What a handler returns: the body as WordPress shapes it (objects with `_links`), a status and extra headers. */
export interface WpResponse {
  readonly status?: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface WpEndpoint {
  readonly methods: readonly WpMethod[];
  readonly args?: ArgSpecs;
  readonly handler: (request: WpRequest) => Promise<WpResponse>;
}

/** One path and its endpoints, as the index lists them. */
export interface WpRoute {
  /** WordPress's pattern: /wp/v2/posts/(?P<id>[\d]+) */
  readonly pattern: string;
  readonly namespace: string;
  readonly endpoints: readonly WpEndpoint[];
  /** A concrete address when the path has no parameters (the index links it). */
  readonly href?: string;
}

/** What each resource's register function is given: `api.route(...)` and the deps. */
export interface WpApi {
  readonly deps: HttpDeps;
  /**
   * Declares `endpoint` at `path` under /wp-json (Fastify's syntax: '/wp/v2/posts/:id'). Parameters named id or
   * parent (or ending in Id) match digits only, others `[\w-]+`, so /wp/v2/posts/abc is `rest_no_route` as in WordPress.
   */
  route(path: string, endpoint: WpEndpoint): void;
  /** Every declared route, in declaration order (the index). */
  routes(): readonly WpRoute[];
  /** Runs the GET endpoint an API address names, as `caller` (embedding); undefined when none matches. */
  get(href: string, caller: User | undefined): Promise<WpResponse | undefined>;
}

const DIGITS = /^(id|parent|.*Id)$/;

interface Compiled {
  readonly route: WpRoute & { endpoints: WpEndpoint[] };
  readonly matcher: RegExp;
  readonly names: readonly string[];
}

/** One path in the three notations: WordPress's index pattern, a RegExp for embedding, Fastify's route. */
function compile(path: string) {
  const names = [...path.matchAll(/:(\w+)/g)].map((m) => m[1] as string);
  const each = (write: (name: string, digits: boolean) => string) => path.replace(/:(\w+)/g, (_m, name: string) => write(name, DIGITS.test(name)));
  return {
    names,
    pattern: each((name, digits) => `(?P<${name}>${digits ? '[\\d]+' : '[\\w-]+'})`),
    matcher: new RegExp(`^${each((_name, digits) => (digits ? '(\\d+)' : '([\\w-]+)'))}$`),
    fastifyPath: each((name, digits) => `:${name}(${digits ? '^\\d+$' : '^[\\w-]+$'})`),
  };
}

function queryObject(search: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(search.keys())) {
    const all = search.getAll(key);
    out[key] = all.length === 1 ? (all[0] as string) : all;
  }
  return out;
}

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The body an error becomes inside `_embedded` (WordPress embeds refusals as their error objects). */
function errorBody(error: unknown): unknown {
  if (!isAppError(error)) throw error;
  return wpErrorResponse(error, statusOf(error.kind)).body;
}

export function createWpApi(app: FastifyInstance, deps: HttpDeps): WpApi {
  const compiled: Compiled[] = [];

  async function run(
    endpoint: WpEndpoint, route: string, input: Record<string, unknown>, caller: User | undefined, query: URLSearchParams, http?: WpRequest['http'],
  ) {
    const args = parseArgs(endpoint.args ?? {}, input);
    return endpoint.handler({ args, caller, route, query, ...(http ? { http } : {}) });
  }

  async function respond(request: FastifyRequest, reply: FastifyReply, endpoint: WpEndpoint) {
    const caller = await apiCaller(request, deps);
    const url = new URL(request.url, 'http://localhost');
    const query = url.searchParams;
    const route = url.pathname.replace(/^\/wp-json/, '');
    const input = { ...(request.query as Record<string, unknown>), ...(isRecord(request.body) ? request.body : {}), ...(request.params as Record<string, string>) };
    const response = await run(endpoint, route, input, caller, query, { ip: request.ip, headers: request.headers, body: request.body });
    let body = response.body;
    const embed = embedRequest(query);
    if (embed) body = await embedLinks(body, embed, (href) => api.get(href, caller).then((r) => r?.body, errorBody));
    const fields = fieldsRequest(query);
    if (fields) body = filterFields(body, fields);
    for (const [name, value] of Object.entries(response.headers ?? {})) reply.header(name, value);
    return reply.status(response.status ?? 200).send(body);
  }

  const api: WpApi = {
    deps,
    route(path, endpoint) {
      const { pattern, names, matcher, fastifyPath } = compile(path);
      let entry = compiled.find((c) => c.route.pattern === pattern);
      if (!entry) {
        const namespace = path.split('/').slice(1, 3).join('/');
        entry = { route: { pattern, namespace, endpoints: [], href: names.length === 0 ? apiUrl(deps, path) : undefined }, matcher, names };
        compiled.push(entry);
      }
      entry.route.endpoints.push(endpoint);
      app.route({
        method: [...endpoint.methods],
        url: `/wp-json${fastifyPath}`,
        config: { access: 'public', surface: 'api' },
        handler: (request, reply) => respond(request, reply, endpoint),
      });
    },
    routes: () => compiled.map((c) => c.route),
    async get(href, caller) {
      const base = apiUrl(deps, '');
      if (!href.startsWith(`${base}/`)) return undefined;
      const url = new URL(href);
      const path = url.pathname.slice(new URL(base).pathname.replace(/\/$/, '').length);
      for (const { route, matcher, names } of compiled) {
        const match = matcher.exec(path);
        const endpoint = route.endpoints.find((e) => e.methods.includes('GET'));
        if (!match || !endpoint) continue;
        const params = Object.fromEntries(names.map((name, i) => [name, match[i + 1] as string]));
        const input = { ...queryObject(url.searchParams), context: 'embed', ...params };
        return run(endpoint, path, input, caller, url.searchParams);
      }
      return undefined;
    },
  };
  return api;
}
