// Both mailers end to end: SMTP to a real SMTP server (test/support/smtp.ts), files parsed back with mailparser.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { type MailLogger, type MailMessage, MailDeliveryError, createMailer, createSmtpMailer, unsubscribeHeaders } from '../../src/features/mail/index.js';
import { type TestSmtpServer, startSmtpServer } from '../support/smtp.js';

interface LogLine {
  readonly level: 'info' | 'warn';
  readonly obj: object;
  readonly msg: string;
}

/** Stand-in for pino: keeps what the mailer logs so the test can read it. */
function recordingLogger(): MailLogger & { readonly lines: LogLine[] } {
  const lines: LogLine[] = [];
  return {
    lines,
    info: (obj, msg) => void lines.push({ level: 'info', obj, msg }),
    warn: (obj, msg) => void lines.push({ level: 'warn', obj, msg }),
  };
}

const FROM = 'Quire Blog <quire@blog.test>';
const UNSUBSCRIBE_URL = 'http://blog.test/unsubscribe?token=abc123';
const message: MailMessage = {
  to: 'reader@example.com',
  subject: 'Nouveau commentaire sur « Été » — 新しいコメント ✓',
  text: `Someone replied: Ça va très bien.\n\nRead it: http://blog.test/2026/ete#comment-7\nUnsubscribe: ${UNSUBSCRIBE_URL}\n`,
  html: '<p>Someone replied: <b>Ça va très bien.</b></p>',
  headers: { ...unsubscribeHeaders(UNSUBSCRIBE_URL), 'X-Quire-Kind': 'comment-reply' },
};

/** A port nobody listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('SMTP mailer', () => {
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterEach(() => smtp.clear());
  afterAll(() => smtp.close());

  it('delivers subject, text, html and the unsubscribe headers intact', async () => {
    const logger = recordingLogger();
    const mailer = createMailer({ smtpUrl: smtp.url, mailFrom: FROM, dataDir: '/nonexistent' }, logger);
    expect(mailer.kind).toBe('smtp');
    await mailer.send(message);

    const mail = await smtp.waitFor((m) => m.to.includes('reader@example.com'));
    expect(mail.subject).toBe(message.subject);
    expect(mail.text).toContain('Ça va très bien.');
    expect(mail.html).toContain('<b>Ça va très bien.</b>');
    expect(mail.links).toEqual(['http://blog.test/2026/ete#comment-7', UNSUBSCRIBE_URL]);
    expect(mail.headers.get('list-unsubscribe')).toBe(`<${UNSUBSCRIBE_URL}>`);
    expect(mail.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(mail.headers.get('x-quire-kind')).toBe('comment-reply');
    expect(mail.parsed.from?.value).toEqual([{ name: 'Quire Blog', address: 'quire@blog.test' }]);
  });

  it('logs the masked recipient and the message id, never the address or the body', async () => {
    const logger = recordingLogger();
    await createSmtpMailer({ url: smtp.url, from: FROM, logger }).send(message);
    const mail = await smtp.waitFor(() => true);

    expect(logger.lines).toEqual([{ level: 'info', obj: { to: 'r***@example.com', messageId: mail.parsed.messageId }, msg: 'mail sent' }]);
    const logged = JSON.stringify(logger.lines);
    expect(logged).not.toContain('reader@example.com');
    expect(logged).not.toContain('Ça va');
  });

  it('has waitFor name what did arrive when nothing matches (the test server itself)', async () => {
    await createSmtpMailer({ url: smtp.url, from: FROM, logger: recordingLogger() }).send(message);
    await smtp.waitFor(() => true);
    await expect(smtp.waitFor((m) => m.subject === 'Never sent', 200)).rejects.toThrow(
      `No matching mail within 200 ms. Arrived: [to reader@example.com: "${message.subject}"]`,
    );
  });

  it('sends from the default sender derived from QUIRE_URL, and logs in when the URL has credentials', async () => {
    const { mailFrom } = loadConfig({});
    const url = smtp.url.replace('smtp://', 'smtp://quire:s3cret@');
    await createMailer({ smtpUrl: url, mailFrom, dataDir: '/nonexistent' }, recordingLogger()).send(message);
    const mail = await smtp.waitFor(() => true);
    expect(mail.parsed.from?.value[0]?.address).toBe('quire@[127.0.0.1]');
  });

  it('rejects when nobody listens, naming neither the password nor the recipient', async () => {
    const logger = recordingLogger();
    const mailer = createSmtpMailer({ url: `smtp://quire:hunter2@127.0.0.1:${await closedPort()}`, from: FROM, logger });
    const error = await mailer.send(message).then(() => undefined, (e: unknown) => e);

    expect(error).toBeInstanceOf(MailDeliveryError);
    const { message: text, permanent } = error as MailDeliveryError;
    expect(text).toMatch(/^SMTP delivery failed: .*ECONNREFUSED/);
    expect(permanent).toBe(false);
    const everything = `${text} ${JSON.stringify(error)} ${JSON.stringify(logger.lines)}`;
    expect(everything).not.toContain('hunter2');
    expect(everything).not.toContain('reader@example.com');
    expect(logger.lines).toEqual([{ level: 'warn', obj: expect.objectContaining({ to: 'r***@example.com' }), msg: 'mail not sent' }]);
  });

  it('marks a refused recipient as permanent and masks the address the server quotes back', async () => {
    const refusing = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        callback(Object.assign(new Error(`<${address.address}>: Recipient address rejected`), { responseCode: 550 }));
      },
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    const { port } = refusing.server.address() as net.AddressInfo;
    try {
      const mailer = createSmtpMailer({ url: `smtp://127.0.0.1:${port}`, from: FROM, logger: recordingLogger() });
      const error = await mailer.send(message).then(() => undefined, (e: unknown) => e);
      expect(error).toMatchObject({ name: 'MailDeliveryError', permanent: true, responseCode: 550 });
      expect((error as Error).message).toContain('r***@example.com');
      expect((error as Error).message).not.toContain('reader@example.com');
    } finally {
      await new Promise<void>((resolve) => refusing.close(() => resolve()));
    }
  });
});

describe('file mailer', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-mail-'));
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('writes the whole message as a parseable .eml file in data/mail', async () => {
    const logger = recordingLogger();
    const mailer = createMailer({ smtpUrl: undefined, mailFrom: FROM, dataDir }, logger);
    expect(mailer.kind).toBe('file');
    await mailer.send(message);

    const files = fs.readdirSync(path.join(dataDir, 'mail'));
    expect(files).toEqual([expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z-[0-9a-f]{8}\.eml$/)]);
    const file = path.join(dataDir, 'mail', files[0] as string);
    const parsed = await simpleParser(fs.readFileSync(file));
    expect(parsed.subject).toBe(message.subject);
    expect(parsed.text).toContain('Read it: http://blog.test/2026/ete#comment-7');
    expect(parsed.html).toContain('<b>Ça va très bien.</b>');
    expect(parsed.from?.value).toEqual([{ name: 'Quire Blog', address: 'quire@blog.test' }]);
    expect(parsed.headerLines.map((h) => h.line)).toEqual(
      expect.arrayContaining([`List-Unsubscribe: <${UNSUBSCRIBE_URL}>`, 'List-Unsubscribe-Post: List-Unsubscribe=One-Click']),
    );
    expect(parsed.messageId).toMatch(/^<.+@blog\.test>$/);

    expect(logger.lines).toEqual([{ level: 'info', obj: { file, to: 'r***@example.com', subject: message.subject }, msg: 'mail written to file' }]);
    expect(JSON.stringify(logger.lines)).not.toContain('reader@example.com');
  });

  it('keeps every message in its own file and leaves no temporary files behind', async () => {
    const mailer = createMailer({ mailFrom: FROM, dataDir }, recordingLogger());
    await Promise.all([mailer.send(message), mailer.send({ ...message, subject: 'Second' }), mailer.send({ ...message, subject: 'Third' })]);
    const files = fs.readdirSync(path.join(dataDir, 'mail'));
    expect(files.filter((f) => f.endsWith('.eml'))).toHaveLength(4);
    expect(files.filter((f) => !f.endsWith('.eml'))).toEqual([]);
  });
});
