// Chooses how mail leaves: through SMTP when SMTP_URL is set, else into .eml files under the data folder.
import path from 'node:path';
import { createFileMailer } from './file-mailer.js';
import type { MailLogger, Mailer } from './mail.js';
import { createSmtpMailer } from './smtp-mailer.js';

/** The settings the mailer needs; the app's Config fits. */
export interface MailConfig {
  readonly smtpUrl?: string | undefined;
  readonly mailFrom: string;
  readonly dataDir: string;
}

export function createMailer(config: MailConfig, logger: MailLogger): Mailer {
  if (config.smtpUrl !== undefined) return createSmtpMailer({ url: config.smtpUrl, from: config.mailFrom, logger });
  return createFileMailer({ dir: mailDir(config.dataDir), from: config.mailFrom, logger });
}

/** Where the file mailer writes when no SMTP server is configured. */
export function mailDir(dataDir: string): string {
  return path.join(dataDir, 'mail');
}
