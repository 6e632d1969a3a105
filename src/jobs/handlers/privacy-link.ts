// privacy.mail-link: mails the owner of an address the link to download or erase their comments and subscriptions.
import type { JobHandler } from '../../features/jobs/index.js';
import type { MailMessage } from '../../features/mail/index.js';
import { AUTOMATED_HEADERS, oneLine } from '../../features/notifications/index.js';
import { PRIVACY_LINK_JOB, type PrivacyService, privacyLinkPayloadOf } from '../../features/privacy/index.js';
import type { SettingsService } from '../../features/settings/index.js';
import { type MailJobDeps, deliver, payloadInvalid, siteBase } from './notification-deps.js';

export { PRIVACY_LINK_JOB };

/**
 * Where the link leads. Its token is random and opaque: the address it stands for is stored beside the token's
 * hash, never in the link, so request logs, browser history and Referer headers do not carry it.
 */
export const PRIVACY_PAGE_PATH = '/comments/privacy/';

export interface PrivacyLinkDeps extends MailJobDeps {
  readonly services: {
    readonly privacy: Pick<PrivacyService, 'hasDataFor' | 'issueLink'>;
    readonly settings: Pick<SettingsService, 'get'>;
  };
}

export function buildPrivacyLinkMail(input: { readonly to: string; readonly siteTitle: string; readonly url: string }): MailMessage {
  const site = oneLine(input.siteTitle);
  return {
    to: input.to,
    subject: `[${site}] Your comments and subscriptions`,
    text: [
      `Someone, we hope you, asked ${site} for the comments and e-mail subscriptions of ${input.to}.`,
      '',
      'To download them (a JSON file) or to erase them, open this link within 24 hours:',
      input.url,
      '',
      'You can download as often as you like; erasing uses the link up.',
      '',
      'If you did not ask, you can ignore this message: nothing changes unless the link is used.',
    ].join('\n'),
    headers: { ...AUTOMATED_HEADERS },
  };
}

/**
 * Sends nothing when nothing is stored for the address: the page that asked answered the same either way, and
 * only the owner's mailbox learns the difference. The token is made here, as the mail goes out, so that asking
 * for an address makes no token unless its owner is mailed one. A retry after a failed delivery makes another
 * (the first, never mailed, is known to nobody and expires); a retry after a crash may send the mail twice.
 */
export function privacyLinkHandler(deps: PrivacyLinkDeps): JobHandler {
  return async (payload) => {
    const parsed = privacyLinkPayloadOf(payload);
    if (!parsed) throw payloadInvalid(PRIVACY_LINK_JOB, '{ "email": "ann@example.com" }');
    if (!(await deps.services.privacy.hasDataFor(parsed.email))) return;
    const { title } = await deps.services.settings.get();
    const token = await deps.services.privacy.issueLink(parsed.email);
    await deliver(deps.mailer, buildPrivacyLinkMail({ to: parsed.email, siteTitle: title, url: `${siteBase(deps.publicUrl)}${PRIVACY_PAGE_PATH}${token}` }));
  };
}
