// What the site-account tests share: the app with a real SMTP server (test/support/smtp.ts) and a clock the test
// moves (the stand-in for time), the job queue run by hand, and the forms filled in as a browser would.
import { expect } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { type MutableClock, mutableClock } from '../support/clock.js';
import { parseHtml } from '../support/html.js';
import { CookieJar, type Response, get, openForm, postForm } from '../support/session.js';
import { type ReceivedMail, type TestSmtpServer, startSmtpServer } from '../support/smtp.js';
import { runJobsUntilIdle } from '../support/jobs.js';

export const SITE = 'http://blog.test';
export const SITE_TITLE = 'The Offcut';
export const GOOD_PASSWORD = 'plane shavings curl on the bench';

export interface AccountWorld {
  readonly app: TestApp;
  readonly smtp: TestSmtpServer;
  readonly clock: MutableClock;
  close(): Promise<void>;
}

export async function startAccountWorld(): Promise<AccountWorld> {
  const smtp = await startSmtpServer();
  const clock = mutableClock('2026-12-02T09:00:00.000Z');
  const app = await createTestApp({ clock, config: { smtpUrl: smtp.url } });
  await app.services.settings.update({ title: SITE_TITLE });
  return {
    app, smtp, clock,
    async close() {
      await app.close();
      await smtp.close();
    },
  };
}

/** Runs background jobs until none is due (mail goes out through the real SMTP server). */
export const drain = (app: TestApp): Promise<void> => runJobsUntilIdle(app);

let ipSequence = 0;
/** A fresh client address, so that the per-address limits of one test do not hold back the next. */
export const freshIp = (): string => `198.51.100.${(++ipSequence % 250) + 1}`;

/** Opens the form at `page` and sends it with `fields` (and its CSRF token) to `action` (the page itself by default). */
export async function submitForm(
  app: TestApp, page: string, fields: Readonly<Record<string, string>>, jar: CookieJar, options: { action?: string; ip?: string } = {},
): Promise<Response> {
  const { csrf } = await openForm(app, page, jar);
  expect(csrf, `a CSRF token on ${page}`).not.toBe('');
  return postForm(app, options.action ?? page.replace(/\?.*$/, ''), { _csrf: csrf, ...fields }, jar, { remoteAddress: options.ip ?? freshIp() });
}

export function register(
  app: TestApp, fields: { email: string; display_name?: string; password?: string; return_to?: string }, jar = new CookieJar(),
): Promise<Response> {
  return submitForm(app, '/account/register', { display_name: 'Mara K.', password: GOOD_PASSWORD, ...fields }, jar);
}

/** The path (and query) of the link in `mail` that leads under `prefix` on the site. */
export function linkIn(mail: ReceivedMail, prefix: string): string {
  const link = mail.links.find((l) => l.startsWith(`${SITE}${prefix}`));
  expect(link, `a ${prefix} link in "${mail.subject}"`).toBeDefined();
  return (link ?? '').slice(SITE.length);
}

/** The one mail to `to` whose subject contains `subject`, once the jobs have run. */
export async function mailTo(world: AccountWorld, to: string, subject: string): Promise<ReceivedMail> {
  await drain(world.app);
  return world.smtp.waitFor((m) => m.to.includes(to) && m.subject.includes(subject));
}

/** Mail that went to `to`, once the jobs have run. */
export async function mailsTo(world: AccountWorld, to: string): Promise<ReceivedMail[]> {
  await drain(world.app);
  return world.smtp.messages.filter((m) => m.to.includes(to));
}

/** Follows a mailed link as a person would: opens its page (which changes nothing) and presses its one button. */
export async function pressLinkButton(app: TestApp, path: string, jar = new CookieJar()): Promise<{ page: Response; result: Response }> {
  const page = await get(app, path, jar);
  expect(page.statusCode, `the page of ${path}`).toBe(200);
  const $ = parseHtml(page.body);
  const form = $('main form[method="post"]');
  expect(form.find('button[type="submit"]').length).toBe(1);
  const fields: Record<string, string> = {};
  form.find('input[type="hidden"]').each((_, input) => {
    fields[String($(input).attr('name'))] = String($(input).attr('value') ?? '');
  });
  const result = await postForm(app, String(form.attr('action')), fields, jar);
  return { page, result };
}

/** Registers `email` and confirms it through the mailed link: a ready account. */
export async function registerConfirmed(world: AccountWorld, email: string, password = GOOD_PASSWORD): Promise<void> {
  expect((await register(world.app, { email, password })).statusCode).toBe(200);
  const mail = await mailTo(world, email, 'Confirm your e-mail address');
  const { result } = await pressLinkButton(world.app, linkIn(mail, '/account/verify/'));
  expect(result.statusCode).toBe(200);
}

/** Signs in through /account/login; the response and the browser's cookies. */
export async function accountSignIn(
  app: TestApp, email: string, password: string, options: { jar?: CookieJar; returnTo?: string; ip?: string } = {},
): Promise<{ response: Response; jar: CookieJar }> {
  const jar = options.jar ?? new CookieJar();
  const fields = { email, password, ...(options.returnTo === undefined ? {} : { return_to: options.returnTo }) };
  const response = await submitForm(app, '/account/login', fields, jar, { ip: options.ip ?? '192.0.2.1' });
  return { response, jar };
}

/** Who the browser is signed in as, according to the settings page (undefined: sent to sign in). */
export async function signedInEmail(app: TestApp, jar: CookieJar): Promise<string | undefined> {
  const response = await get(app, '/account', jar.clone());
  if (response.statusCode !== 200) return undefined;
  return /Signed in as (\S+)\./.exec(parseHtml(response.body)('#field-display_name-hint').text())?.[1];
}

export { CookieJar, get, openForm, parseHtml, postForm };
