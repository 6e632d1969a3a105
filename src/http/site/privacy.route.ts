// /comments/privacy: a commenter asks for a mailed link (the answer never says whether the address is known),
// and the link's page downloads (JSON) or erases their comments and subscriptions. The link's opaque one-time
// token (no address in it) is the forms' only credential and their CSRF defence; downloads leave it live, the
// erasure uses it up. The request form refuses other sites' posts.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PRIVACY_LINK_TTL_MS, type PrivacyExport, normalizePrivacyEmail } from '../../features/privacy/index.js';
import { AppError, isAppError } from '../../kernel/errors.js';
import type { SafeHtml } from '../../kernel/html.js';
import { type FieldVM, renderPrivacyDone, renderPrivacyManage, renderPrivacyRequest } from '../../../themes/default/index.js';
import type { HttpDeps } from '../deps.js';
import { statusOf } from '../errors.js';
import { sendJsonDownload } from '../json-download.js';
import { loadSiteContext } from './context.js';
import { sendPage } from './page.js';

type Body = Readonly<Record<string, unknown>>;

export const PRIVACY_PATHS = { request: '/comments/privacy', download: '/comments/privacy/download', erase: '/comments/privacy/erase' } as const;

/** The same words whether or not anything is stored for the address: the page tells nobody whose address is used. */
export const PRIVACY_LINK_SENT = 'If there are comments or subscriptions for that address, we sent a link to it.';

/** Requests for a link one address may make in an hour (each may send mail). */
export const PRIVACY_REQUESTS_PER_HOUR = 5;
const HOUR = 3_600_000;

// The token is in the address of the link's page: it is a credential for a day, so request logs of that route
// would keep it; only warnings and errors are logged there.
const QUIET = { logLevel: 'warn' } as const;
const PUBLIC = { access: 'public' } as const;

function crossSite(): AppError {
  return new AppError({
    code: 'PRIVACY_CROSS_SITE',
    kind: 'forbidden',
    message: 'This request was sent from another site, so it was not accepted. Open /comments/privacy on this site and send it from there.',
  });
}

function privacyRateLimited(): AppError {
  return new AppError({
    code: 'PRIVACY_RATE_LIMITED',
    kind: 'rate_limited',
    message: 'Too many requests from your address. Wait an hour and ask again.',
  });
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function emailField(value: string, error?: string): FieldVM {
  return { control: 'email', name: 'email', label: 'Your e-mail address', value, required: true, error, hint: 'The address you comment with.' };
}

/** The whole export as a JSON file to save. */
function sendExport(reply: FastifyReply, data: PrivacyExport): FastifyReply {
  return sendJsonDownload(reply, `comments-${data.exportedAt.slice(0, 10)}.json`, data);
}

export function registerPrivacyRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const { privacy } = deps.services;
  const siteOrigin = new URL(deps.config.publicUrl).origin;

  async function send(reply: FastifyReply, title: string, main: SafeHtml, status = 200) {
    const ctx = await loadSiteContext(deps.services);
    reply.header('Cache-Control', 'no-store');
    return sendPage(deps, reply, ctx, { pageTitle: title, canonicalPath: null, robots: 'noindex' }, main, status);
  }

  function requestPage(reply: FastifyReply, form: { email: string; error?: string; alert?: string; sent?: boolean }, status = 200) {
    const fields = [emailField(form.email, form.error)];
    return send(reply, 'Your comments and your data', renderPrivacyRequest({
      heading: 'Your comments and your data',
      intro: 'Give the e-mail address you comment with. We will mail it a link (valid for 24 hours) to download all your comments and subscriptions, or to erase them.',
      action: PRIVACY_PATHS.request,
      fields,
      errorSummary: form.error ? 'Please correct the following:' : null,
      alert: form.alert ?? null,
      sent: form.sent ? PRIVACY_LINK_SENT : null,
    }), status);
  }

  async function managePage(reply: FastifyReply, token: string, email: string, confirmError: string | null, status = 200) {
    const data = await privacy.exportFor(email);
    return send(reply, 'Your comments and your data', renderPrivacyManage({
      heading: 'Your comments and your data',
      facts: [
        `This page is for ${email}.`,
        `This site stores ${count(data.comments.length, 'comment', 'comments')} and ${count(data.subscriptions.length, 'subscription', 'subscriptions')} of this address.`,
        `The link works for ${PRIVACY_LINK_TTL_MS / HOUR} hours after it was sent: download as often as you like; erasing uses it up.`,
      ],
      token,
      downloadAction: PRIVACY_PATHS.download,
      eraseAction: PRIVACY_PATHS.erase,
      confirmError,
    }), status);
  }

  /** Anonymous forms carry no token (the page may come from a cache): the browser's word on where it comes from decides. */
  function checkSameSite(request: FastifyRequest): void {
    const origin = request.headers.origin;
    const foreignOrigin = origin !== undefined && origin !== siteOrigin && origin !== `${request.protocol}://${request.host}`;
    if (request.headers['sec-fetch-site'] === 'cross-site' || foreignOrigin) throw crossSite();
  }

  /**
   * Runs the work of a link's page; a link that is not live (mistyped, forged, expired or used up: with hashed
   * tokens these look alike) gets one page that says so and leads to asking for a new one.
   */
  async function withLink(reply: FastifyReply, work: () => Promise<unknown>) {
    try {
      return await work();
    } catch (error) {
      if (!isAppError(error) || error.code !== 'PRIVACY_LINK_INVALID') throw error;
      return send(reply, 'This link is no longer valid', renderPrivacyDone({
        heading: 'This link is no longer valid',
        message: error.message,
        links: [{ href: PRIVACY_PATHS.request, label: 'Ask for a new link' }],
        refused: true,
      }), statusOf(error.kind));
    }
  }

  app.get(PRIVACY_PATHS.request, { config: PUBLIC }, async (_request, reply) => requestPage(reply, { email: '' }));

  app.post<{ Body: Body }>(PRIVACY_PATHS.request, { config: PUBLIC }, async (request, reply) => {
    checkSameSite(request);
    const typed = typeof request.body?.email === 'string' ? request.body.email : '';
    let email: string;
    try {
      email = normalizePrivacyEmail(typed);
    } catch (error) {
      if (!isAppError(error)) throw error;
      const fields = error.details?.fields as Record<string, string> | undefined;
      return requestPage(reply, { email: typed, error: fields?.email ?? error.message }, 400);
    }
    // Only requests that may send mail count: a mistyped address costs nothing and is not held against anyone.
    if ((await deps.counters.hit(`privacy:ip:${request.ip}`, HOUR)) > PRIVACY_REQUESTS_PER_HOUR) {
      reply.header('Retry-After', String(HOUR / 1000));
      return requestPage(reply, { email: typed, alert: privacyRateLimited().message }, 429);
    }
    await privacy.requestLink(email);
    return requestPage(reply, { email: '', sent: true });
  });

  app.get<{ Params: { token: string } }>(`${PRIVACY_PATHS.request}/:token`, { config: PUBLIC, ...QUIET }, async (request, reply) =>
    withLink(reply, async () => managePage(reply, request.params.token, await privacy.openLink(request.params.token), null)),
  );

  app.post<{ Body: Body }>(PRIVACY_PATHS.download, { config: PUBLIC, ...QUIET }, async (request, reply) =>
    withLink(reply, async () => sendExport(reply, await privacy.exportFor(await privacy.openLink(request.body?.token)))),
  );

  app.post<{ Body: Body }>(PRIVACY_PATHS.erase, { config: PUBLIC, ...QUIET }, async (request, reply) =>
    withLink(reply, async () => {
      const token = request.body?.token;
      if (request.body?.confirm !== 'yes') {
        const email = await privacy.openLink(token);
        return managePage(reply, String(token), email, 'Tick “Yes, erase them” to confirm: erasing cannot be undone.', 400);
      }
      const report = await privacy.eraseByLink(token);
      request.log.warn({ comments: report.comments, subscriptions: report.subscriptions }, 'a commenter erased their data');
      return send(reply, 'Erased', renderPrivacyDone({
        heading: 'Your comments were erased',
        message: `${count(report.comments, 'comment', 'comments')} of ${report.email} now say “[deleted]”, without your name, address or website; ${count(report.subscriptions, 'subscription', 'subscriptions')} ended. This link is now used up: to download or erase anything later, ask for a new one.`,
        links: [{ href: '/', label: 'Back to the site' }, { href: PRIVACY_PATHS.request, label: 'Ask for a new link' }],
      }));
    }),
  );
}
