// Sends mail through an SMTP server named by an smtp:// or smtps:// URL; failures are thrown for the job queue to retry.
import nodemailer from 'nodemailer';
import { type MailLogger, type Mailer, MailDeliveryError, maskEmail, redactText, toMailOptions } from './mail.js';

export interface SmtpMailerOptions {
  /** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://user:pass@host:465 (TLS from the start). */
  readonly url: string;
  readonly from: string;
  readonly logger: MailLogger;
}

// nodemailer waits minutes by default; a job should fail soon and be retried rather than hold the worker.
const TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 };

export function createSmtpMailer(options: SmtpMailerOptions): Mailer {
  const transport = nodemailer.createTransport({ url: options.url, ...TIMEOUTS });
  const secrets = credentialsOf(options.url);
  return {
    kind: 'smtp',
    async send(message) {
      const to = maskEmail(message.to);
      let messageId: string;
      try {
        ({ messageId } = await transport.sendMail(toMailOptions(options.from, message)));
      } catch (error) {
        const failure = toDeliveryError(error, secrets);
        options.logger.warn({ to, error: failure.message, permanent: failure.permanent }, 'mail not sent');
        throw failure;
      }
      options.logger.info({ to, messageId }, 'mail sent');
    },
  };
}

/** The URL's user name and password, raw and decoded, so that no error message can carry them. */
function credentialsOf(url: string): string[] {
  const { username, password } = new URL(url);
  return [username, password, safeDecode(username), safeDecode(password)].filter((part) => part.length > 0);
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

// A new error, not a wrapper with `cause`: nodemailer's error carries the server's reply and the envelope
// (full addresses), and whoever logs the error with its cause would log them too.
function toDeliveryError(error: unknown, secrets: readonly string[]): MailDeliveryError {
  const text = error instanceof Error ? error.message : String(error);
  const facts: Readonly<Record<string, unknown>> = typeof error === 'object' && error !== null ? { ...error } : {};
  return new MailDeliveryError(`SMTP delivery failed: ${redactText(text, secrets)}`, {
    code: typeof facts.code === 'string' ? facts.code : undefined,
    responseCode: typeof facts.responseCode === 'number' ? facts.responseCode : undefined,
    permanent: facts.permanent === true,
  });
}
