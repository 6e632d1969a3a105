// Without an SMTP server: writes each message, fully composed (RFC 5322), to a .eml file in the data folder.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { type MailLogger, type Mailer, maskEmail, toMailOptions } from './mail.js';

export interface FileMailerOptions {
  /** Folder for the .eml files (created when missing), e.g. dataDir/mail. */
  readonly dir: string;
  readonly from: string;
  readonly logger: MailLogger;
}

export function createFileMailer(options: FileMailerOptions): Mailer {
  // CRLF line ends: an .eml file is the message as it would go over the wire, and mail clients open it as such.
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    kind: 'file',
    async send(message) {
      const { message: composed } = await transport.sendMail(toMailOptions(options.from, message));
      if (!Buffer.isBuffer(composed)) throw new Error('nodemailer returned a stream although buffer: true was asked for.');
      const file = await writeAtomically(options.dir, emlFileName(new Date()), composed);
      options.logger.info({ file, to: maskEmail(message.to), subject: message.subject }, 'mail written to file');
    },
  };
}

/** `2026-01-02T03-04-05.678Z-1a2b3c4d.eml`: sorts by time; no colons, which some file systems refuse. */
export function emlFileName(at: Date): string {
  return `${at.toISOString().replace(/:/g, '-')}-${randomBytes(4).toString('hex')}.eml`;
}

// Temp file then rename: whoever reads the folder (a person, a test) never sees half a message.
async function writeAtomically(dir: string, name: string, bytes: Buffer): Promise<string> {
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, name);
  const temp = path.join(dir, `.${name}.tmp`);
  try {
    // 0o600: messages hold sign-in and reset links meant for one reader.
    await fs.writeFile(temp, bytes, { flag: 'wx', mode: 0o600 });
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  return file;
}
