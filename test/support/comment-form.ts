// The comment form in tests: open a post's form as a browser would, send it, and read back what it shows.
import type { App } from '../../src/app.js';
import { type Page, parseHtml } from './html.js';
import type { CookieJar, Response } from './session.js';

export interface OpenedForm {
  readonly $: Page;
  readonly response: Response;
  /** The hidden fields of #commentform (comment_post_ID, comment_parent, quire_stamp, _csrf when signed in). */
  readonly hidden: Readonly<Record<string, string>>;
}

/** GETs a post page in `jar`'s browser and reads its comment form. */
export async function openCommentForm(app: App, path: string, jar?: CookieJar): Promise<OpenedForm> {
  const response = await app.server.inject({ method: 'GET', url: path, headers: jar ? { cookie: jar.header() } : {} });
  jar?.absorb(response);
  const $ = parseHtml(response.body);
  const hidden: Record<string, string> = {};
  $('#commentform input[type="hidden"]').each((_, element) => {
    hidden[$(element).attr('name') ?? ''] = $(element).attr('value') ?? '';
  });
  return { $, response, hidden };
}

export interface SendOptions {
  readonly jar?: CookieJar;
  /** Extra request headers (Accept, Origin, Sec-Fetch-Site). */
  readonly headers?: Readonly<Record<string, string>>;
  /** The client's address: rate limits and flood control count per address. */
  readonly remoteAddress?: string;
}

/** POSTs /comments as the form does (urlencoded). */
export async function sendComment(app: App, fields: Readonly<Record<string, string>>, options: SendOptions = {}): Promise<Response> {
  const response = await app.server.inject({
    method: 'POST',
    url: '/comments',
    remoteAddress: options.remoteAddress,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(options.jar ? { cookie: options.jar.header() } : {}),
      ...options.headers,
    },
    payload: new URLSearchParams(fields).toString(),
  });
  options.jar?.absorb(response);
  return response;
}

/** What the form shows in its fields (the typed values kept after a refusal, or remembered ones). */
export function formValuesOf($: Page): { author: string; email: string; url: string; comment: string } {
  const value = (selector: string) => String($(selector).val() ?? '');
  return { author: value('#author'), email: value('#email'), url: value('#url'), comment: $('#comment').text() };
}

/** Every comment row, whatever its status: refusals must add none. */
export async function countComments(app: App): Promise<number> {
  const row = await app.db.kysely.selectFrom('comments').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

let addressSequence = 0;

/** A client address no other test used: its own rate limits and flood window. */
export function freshAddress(): string {
  addressSequence += 1;
  return `198.51.100.${addressSequence % 250}`;
}
