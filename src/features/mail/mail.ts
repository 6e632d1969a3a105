// E-mail's types and pure rules: the message, the sender port, its logger, masking addresses, RFC 8058 headers.
import type { SendMailOptions } from 'nodemailer';
import { maskEmail } from '../../kernel/mask.js';

export { maskEmail };

export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  readonly kind: 'smtp' | 'file';
}

/** What the mailers log through; Fastify's pino logger (or a child of it) fits. */
export interface MailLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

// Deliberately loose: it finds addresses inside server replies to mask them, it does not validate them.
const ADDRESS_IN_TEXT = /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*/g;


/** `text` with every e-mail address masked and every secret blanked, for errors and logs. */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let result = text;
  for (const secret of secrets) {
    if (secret !== '') result = result.split(secret).join('***');
  }
  return result.replace(ADDRESS_IN_TEXT, (match) => maskEmail(match));
}

/**
 * One-click unsubscribe (RFC 8058): mail clients POST "List-Unsubscribe=One-Click" to the URL. The URL goes
 * into a header as is, so anything that could end the <…> or the header line is refused.
 */
export function unsubscribeHeaders(url: string): { readonly 'List-Unsubscribe': string; readonly 'List-Unsubscribe-Post': string } {
  if (!/^https?:\/\/[^\s<>"]+$/i.test(url) || !URL.canParse(url)) {
    throw new TypeError('An unsubscribe URL must be an absolute http(s) URL without spaces, quotes or angle brackets.');
  }
  return { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

/** A failed delivery, with addresses masked and secrets blanked; `permanent`: a 5xx reply, retrying won't help. */
export class MailDeliveryError extends Error {
  readonly code: string | undefined;
  readonly responseCode: number | undefined;
  readonly permanent: boolean;

  constructor(message: string, facts: { code?: string | undefined; responseCode?: number | undefined; permanent?: boolean | undefined } = {}) {
    super(message);
    this.name = 'MailDeliveryError';
    this.code = facts.code;
    this.responseCode = facts.responseCode;
    this.permanent = facts.permanent ?? false;
  }
}

/** The nodemailer fields of a message; headers are copied because nodemailer's type wants a mutable object. */
export function toMailOptions(from: string, message: MailMessage): SendMailOptions {
  return {
    from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    ...(message.html === undefined ? {} : { html: message.html }),
    headers: { ...message.headers },
  };
}
