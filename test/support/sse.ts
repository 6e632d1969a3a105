// A small Server-Sent Events client for tests: node:http on a real socket, events parsed as the spec says.
import http from 'node:http';

export interface SseEvent {
  readonly id: string | undefined;
  readonly event: string;
  readonly data: string;
}

export interface SseStream {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  /** The body of a refused request (not an event stream). */
  readonly body: string;
  /** Comment lines (": ping") seen so far. */
  readonly comments: readonly string[];
  /** The next event not yet taken; rejects after `timeoutMs`. */
  next(timeoutMs?: number): Promise<SseEvent>;
  /** Every event that arrives within `ms` (for "nothing else came"). */
  drain(ms: number): Promise<SseEvent[]>;
  /** Resolves when the server ends the stream. */
  readonly ended: Promise<void>;
  close(): void;
}

export interface SseOptions {
  /** Extra request headers (Last-Event-ID). */
  readonly headers?: Readonly<Record<string, string>>;
  /** The client's own address, another of 127.0.0.0/8: the server counts streams per address. */
  readonly localAddress?: string;
}

/** Opens `url` as an EventSource would (Accept: text/event-stream). */
export function openSse(url: string, options: SseOptions = {}): Promise<SseStream> {
  const headers = { accept: 'text/event-stream', ...options.headers };
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent: false, headers, localAddress: options.localAddress }, (response) => {
      const status = response.statusCode ?? 0;
      response.setEncoding('utf8');
      const queue: SseEvent[] = [];
      const comments: string[] = [];
      const waiters: (() => void)[] = [];
      let buffer = '';
      let body = '';
      let endedResolve: () => void = () => {};
      const ended = new Promise<void>((done) => {
        endedResolve = done;
      });
      const wake = () => waiters.splice(0).forEach((w) => w());
      response.on('data', (chunk: string) => {
        if (status !== 200) {
          body += chunk;
          return;
        }
        buffer += chunk.replace(/\r\n?/g, '\n');
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const parsed = parseBlock(block, comments);
          if (parsed) queue.push(parsed);
        }
        wake();
      });
      const finish = () => {
        endedResolve();
        wake();
      };
      response.on('end', finish);
      response.on('close', finish);
      response.on('error', finish);

      let isEnded = false;
      void ended.then(() => {
        isEnded = true;
      });
      const next = async (timeoutMs = 5000): Promise<SseEvent> => {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const event = queue.shift();
          if (event) return event;
          if (isEnded) throw new Error('the stream ended before the next event');
          const left = deadline - Date.now();
          if (left <= 0) throw new Error(`no event within ${timeoutMs} ms`);
          await new Promise<void>((wakeUp) => {
            const timer = setTimeout(wakeUp, left);
            waiters.push(() => {
              clearTimeout(timer);
              wakeUp();
            });
          });
        }
      };
      const drain = async (ms: number): Promise<SseEvent[]> => {
        await new Promise((done) => setTimeout(done, ms));
        return queue.splice(0);
      };
      const stream: SseStream = {
        status,
        headers: response.headers,
        get body() {
          return body;
        },
        comments,
        next,
        drain,
        ended,
        close: () => request.destroy(),
      };
      if (status === 200) resolve(stream);
      else response.on('end', () => resolve(stream));
    });
    request.on('error', reject);
  });
}

function parseBlock(block: string, comments: string[]): SseEvent | undefined {
  let id: string | undefined;
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) {
      comments.push(line.slice(1).trim());
      continue;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') id = value;
    else if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  return data.length > 0 ? { id, event, data: data.join('\n') } : undefined;
}
