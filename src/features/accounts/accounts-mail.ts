// The mails of site accounts (pure): address confirmation, "someone tried to register with your address",
// password reset and the e-mail sign-in link. Plain text: each carries one link and says what ignoring it means.
import type { MailMessage } from '../mail/index.js';
import { AUTOMATED_HEADERS, oneLine } from '../notifications/index.js';

export interface AccountMailInput {
  readonly to: string;
  readonly siteTitle: string;
  /** The link the mail is about (absolute). */
  readonly url: string;
}

function mail(input: AccountMailInput, subject: string, lines: readonly string[]): MailMessage {
  return { to: input.to, subject: `[${oneLine(input.siteTitle)}] ${subject}`, text: lines.join('\n'), headers: { ...AUTOMATED_HEADERS } };
}

export function buildVerifyMail(input: AccountMailInput): MailMessage {
  const site = oneLine(input.siteTitle);
  return mail(input, 'Confirm your e-mail address', [
    `Someone, we hope you, registered an account on ${site} with this e-mail address.`,
    '',
    'To confirm the address, open this link within 48 hours and press the button on the page:',
    input.url,
    '',
    'If you did not register, ignore this message: the account cannot be used until the address is confirmed.',
  ]);
}

/** To the owner of an address someone tried to register again: the registration page said nothing about it. */
export function buildAddressTakenMail(input: AccountMailInput & { readonly resetUrl: string }): MailMessage {
  const site = oneLine(input.siteTitle);
  return mail(input, 'Someone tried to register with your address', [
    `Someone tried to register a new account on ${site} with this e-mail address, which already has an account.`,
    '',
    'If it was you, sign in here:',
    input.url,
    '',
    'If you forgot your password, choose a new one here:',
    input.resetUrl,
    '',
    'If it was not you, you can ignore this message: nothing was changed, and no new account was made.',
  ]);
}

export function buildResetMail(input: AccountMailInput): MailMessage {
  const site = oneLine(input.siteTitle);
  return mail(input, 'Choose a new password', [
    `Someone, we hope you, asked to choose a new password for the account of this address on ${site}.`,
    '',
    'To choose one, open this link within 1 hour (it works once):',
    input.url,
    '',
    'Choosing a new password signs the account out everywhere.',
    'If you did not ask, ignore this message: your password stays as it is.',
  ]);
}

/** To someone an administrator made an account for: who they are here, and the link to choose a password. */
export function buildInviteMail(input: AccountMailInput & { readonly login: string; readonly roleLabel: string }): MailMessage {
  const site = oneLine(input.siteTitle);
  return mail(input, 'Your new account', [
    `An administrator of ${site} made an account for you (${oneLine(input.roleLabel)}).`,
    `Your username: ${oneLine(input.login)}`,
    '',
    'To choose your password, open this link within 7 days (it works once):',
    input.url,
    '',
    'If you did not expect this, ignore this message: nobody can sign in with the account until a password is chosen.',
  ]);
}

export function buildEmailLinkMail(input: AccountMailInput): MailMessage {
  const site = oneLine(input.siteTitle);
  return mail(input, 'Your sign-in link', [
    `Someone, we hope you, asked to sign in to ${site} with this e-mail address.`,
    '',
    'To sign in, open this link within 15 minutes and press the button on the page (it works once):',
    input.url,
    '',
    'If you did not ask, ignore this message: nobody can sign in without the link.',
  ]);
}
