// Public surface of e-mail: the message and sender types, the mailer factory, helpers for logs and headers.
export { createMailer, mailDir } from './mail.service.js';
export type { MailConfig } from './mail.service.js';
export { createSmtpMailer } from './smtp-mailer.js';
export type { SmtpMailerOptions } from './smtp-mailer.js';
export { createFileMailer } from './file-mailer.js';
export type { FileMailerOptions } from './file-mailer.js';
export { MailDeliveryError, maskEmail, redactText, unsubscribeHeaders } from './mail.js';
export type { MailLogger, MailMessage, Mailer } from './mail.js';
