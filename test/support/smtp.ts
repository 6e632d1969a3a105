// A real SMTP server for tests (smtp-server on 127.0.0.1, no auth needed, no TLS) that keeps every message, parsed.
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** Envelope recipients (RCPT TO), which is where the mail really went. */
  readonly to: string[];
  readonly subject: string;
  readonly text: string;
  /** The HTML part, '' when the message has none. */
  readonly html: string;
  /**
   * mailparser's headers, lowercase names. mailparser folds List-* headers into one `list` object; the raw
   * value of each (e.g. `list-unsubscribe` → `<https://…>`) is added under its own name too.
   */
  readonly headers: Map<string, unknown>;
  /** Every http(s) URL in the text part, in order. */
  readonly links: string[];
  readonly parsed: ParsedMail;
}

export interface TestSmtpServer {
  /** smtp://127.0.0.1:PORT, ready for SMTP_URL. */
  readonly url: string;
  readonly messages: ReceivedMail[];
  /** The first message (already here or still to come) that `predicate` accepts. */
  waitFor(predicate: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  clear(): void;
  close(): Promise<void>;
}

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const messages: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    // No auth needed; any user name and password is accepted, so SMTP_URLs with credentials work too.
    authOptional: true,
    allowInsecureAuth: true,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? 'anyone' }),
    logger: false,
    onData(stream, session, callback) {
      const to = session.envelope.rcptTo.map((rcpt) => rcpt.address);
      simpleParser(stream).then(
        (parsed) => {
          messages.push(toReceived(to, parsed));
          for (const wake of waiters) wake();
          callback();
        },
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    waitFor(predicate, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const found = messages.find(predicate);
          if (found) {
            done();
            resolve(found);
          }
          return found !== undefined;
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`No matching mail within ${timeoutMs} ms. Arrived: ${describe(messages)}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(wake);
        };
        const wake = () => void check();
        if (!check()) waiters.add(wake);
      });
    },
    clear() {
      messages.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function toReceived(to: string[], parsed: ParsedMail): ReceivedMail {
  const headers = new Map<string, unknown>(parsed.headers);
  for (const { key, line } of parsed.headerLines) {
    if (key.startsWith('list-')) headers.set(key, unfold(line.slice(line.indexOf(':') + 1)));
  }
  const text = parsed.text ?? '';
  return {
    to,
    subject: parsed.subject ?? '',
    text,
    html: typeof parsed.html === 'string' ? parsed.html : '',
    headers,
    links: [...text.matchAll(/https?:\/\/[^\s<>"')\]]+/g)].map((match) => match[0].replace(/[.,;:!?]+$/, '')),
    parsed,
  };
}

function unfold(value: string): string {
  return value.replace(/\r?\n[ \t]+/g, ' ').trim();
}

function describe(messages: readonly ReceivedMail[]): string {
  if (messages.length === 0) return 'nothing';
  return messages.map((mail) => `[to ${mail.to.join(', ')}: "${mail.subject}"]`).join(', ');
}
