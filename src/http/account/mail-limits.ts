// How often the account forms that send mail (register, forgot password, e-mail link) may be used: per client
// address and per e-mail address, so nobody can flood a mailbox or make the site a mail cannon.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { validateEmail } from '../../features/accounts/index.js';
import { AppError } from '../../kernel/errors.js';
import { sha256 } from '../../kernel/ids.js';
import type { HttpDeps } from '../deps.js';
import { fieldErrorsOf } from './page.js';

const HOUR_MS = 3_600_000;
/** Mail-sending requests one client address may make in an hour. */
export const ACCOUNT_MAILS_PER_IP_PER_HOUR = 20;
/** Mail-sending requests for one e-mail address in an hour, from anywhere. */
export const ACCOUNT_MAILS_PER_ADDRESS_PER_HOUR = 5;

export function accountMailRateLimited(): AppError {
  return new AppError({
    code: 'ACCOUNT_MAIL_RATE_LIMITED',
    kind: 'rate_limited',
    message: 'Too many messages were asked for from your address or for this e-mail address. Wait an hour and try again.',
  });
}

/**
 * Counts a request that may send mail to `email`; false (and Retry-After set on `reply`) once over a limit. The
 * same for addresses with and without accounts: the limit reveals nothing about who has one.
 */
export async function admitMailRequest(deps: Pick<HttpDeps, 'counters'>, request: FastifyRequest, reply: FastifyReply, email: string): Promise<boolean> {
  const [byIp, byAddress] = await Promise.all([
    deps.counters.hit(`account-mail:ip:${request.ip}`, HOUR_MS),
    deps.counters.hit(`account-mail:address:${sha256(email)}`, HOUR_MS),
  ]);
  if (byIp <= ACCOUNT_MAILS_PER_IP_PER_HOUR && byAddress <= ACCOUNT_MAILS_PER_ADDRESS_PER_HOUR) return true;
  reply.header('Retry-After', String(HOUR_MS / 1000));
  return false;
}

/** A "mail me a link" form: the typed address, and what the page shows when it is answered again. */
interface MailLinkForm {
  readonly email: string;
  readonly errors: Readonly<Record<string, string>>;
  readonly alert: string | null;
}

/**
 * The checked address of a form that mails a link, or undefined once the form has been answered again: 400 with
 * the field's message for a malformed address, 429 with the limit's message (and Retry-After) when over a limit.
 */
export async function admitMailLinkForm<F extends MailLinkForm>(
  deps: Pick<HttpDeps, 'counters'>,
  request: FastifyRequest,
  reply: FastifyReply,
  form: F,
  answerAgain: (form: F, status: number) => unknown,
): Promise<string | undefined> {
  let email: string;
  try {
    email = validateEmail(form.email);
  } catch (error) {
    const errors = fieldErrorsOf(error);
    if (!errors) throw error;
    await answerAgain({ ...form, errors }, 400);
    return undefined;
  }
  if (await admitMailRequest(deps, request, reply, email)) return email;
  await answerAgain({ ...form, alert: accountMailRateLimited().message }, 429);
  return undefined;
}
