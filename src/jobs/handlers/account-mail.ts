// accounts.*-mail: the mails of site accounts. Each makes its link's token as it sends (so no token exists that
// nobody was mailed), and sends nothing when there is nothing to say (no such account, address confirmed already).
import {
  ACCOUNT_JOBS, type AccountsService, addressMailPayloadOf, buildAddressTakenMail, buildEmailLinkMail, buildInviteMail, buildResetMail,
  buildVerifyMail, userMailPayloadOf,
} from '../../features/accounts/index.js';
import type { JobHandler, JobHandlers } from '../../features/jobs/index.js';
import type { SettingsService } from '../../features/settings/index.js';
import type { UsersService } from '../../features/users/index.js';
import { type MailJobDeps, deliver, payloadInvalid, siteBase } from './notification-deps.js';

export { ACCOUNT_JOBS };

/** Where the mailed links lead (the pages of http/account). */
export const ACCOUNT_MAIL_PATHS = {
  verify: '/account/verify/',
  reset: '/account/password/reset/',
  emailLink: '/account/email-link/',
  login: '/account/login',
  forgot: '/account/password/forgot',
} as const;

export interface AccountMailDeps extends MailJobDeps {
  readonly services: {
    readonly accounts: Pick<AccountsService, 'issueLink'>;
    readonly users: Pick<UsersService, 'findById'>;
    readonly settings: Pick<SettingsService, 'get'>;
  };
}

/** `?return_to=` for links that lead back to where the reader was (a path checked when it was asked for). */
const returnQuery = (returnTo: string | undefined) => (returnTo === undefined ? '' : `?return_to=${encodeURIComponent(returnTo)}`);

export function accountMailHandlers(deps: AccountMailDeps): JobHandlers {
  const { accounts, users, settings } = deps.services;
  const base = siteBase(deps.publicUrl);
  const title = async () => (await settings.get()).title;

  const verify: JobHandler = async (payload) => {
    const parsed = userMailPayloadOf(payload);
    if (!parsed) throw payloadInvalid(ACCOUNT_JOBS.verify, '{ "userId": 3 }');
    const issued = await accounts.issueLink('verify', { userId: parsed.userId });
    if (!issued) return;
    const url = `${base}${ACCOUNT_MAIL_PATHS.verify}${issued.token}${returnQuery(parsed.returnTo)}`;
    await deliver(deps.mailer, buildVerifyMail({ to: issued.user.email, siteTitle: await title(), url }));
  };

  const addressTaken: JobHandler = async (payload) => {
    const parsed = userMailPayloadOf(payload);
    if (!parsed) throw payloadInvalid(ACCOUNT_JOBS.addressTaken, '{ "userId": 3 }');
    const user = await users.findById(parsed.userId);
    if (!user) return;
    await deliver(deps.mailer, buildAddressTakenMail({
      to: user.email, siteTitle: await title(), url: `${base}${ACCOUNT_MAIL_PATHS.login}`, resetUrl: `${base}${ACCOUNT_MAIL_PATHS.forgot}`,
    }));
  };

  const reset: JobHandler = async (payload) => {
    const parsed = addressMailPayloadOf(payload);
    if (!parsed) throw payloadInvalid(ACCOUNT_JOBS.reset, '{ "email": "ann@example.com" }');
    const issued = await accounts.issueLink('reset', { email: parsed.email });
    if (!issued) return;
    await deliver(deps.mailer, buildResetMail({ to: issued.user.email, siteTitle: await title(), url: `${base}${ACCOUNT_MAIL_PATHS.reset}${issued.token}` }));
  };

  const invite: JobHandler = async (payload) => {
    const parsed = userMailPayloadOf(payload);
    if (!parsed) throw payloadInvalid(ACCOUNT_JOBS.invite, '{ "userId": 3 }');
    const issued = await accounts.issueLink('invite', { userId: parsed.userId });
    if (!issued) return;
    const roleLabel = issued.user.role.charAt(0).toUpperCase() + issued.user.role.slice(1);
    await deliver(deps.mailer, buildInviteMail({
      to: issued.user.email, siteTitle: await title(), url: `${base}${ACCOUNT_MAIL_PATHS.reset}${issued.token}`, login: issued.user.login, roleLabel,
    }));
  };

  const emailLink: JobHandler = async (payload) => {
    const parsed = addressMailPayloadOf(payload);
    if (!parsed) throw payloadInvalid(ACCOUNT_JOBS.emailLink, '{ "email": "ann@example.com" }');
    const issued = await accounts.issueLink('emailLink', { email: parsed.email });
    if (!issued) return;
    const url = `${base}${ACCOUNT_MAIL_PATHS.emailLink}${issued.token}${returnQuery(parsed.returnTo)}`;
    await deliver(deps.mailer, buildEmailLinkMail({ to: issued.user.email, siteTitle: await title(), url }));
  };

  return {
    [ACCOUNT_JOBS.verify]: verify,
    [ACCOUNT_JOBS.addressTaken]: addressTaken,
    [ACCOUNT_JOBS.reset]: reset,
    [ACCOUNT_JOBS.emailLink]: emailLink,
    [ACCOUNT_JOBS.invite]: invite,
  };
}
