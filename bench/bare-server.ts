// The baseline: a bare node:http server that replays pages recorded from Quire (same bytes, same headers) from memory.
// Usage: PORT=NNNN node --import tsx bench/bare-server.ts pages.json
import fs from 'node:fs';
import http from 'node:http';
import type { RecordedPage } from './servers.js';

interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[]>>;
  readonly body: Buffer;
}

const file = process.argv[2];
const port = Number(process.env.PORT);
if (!file || !Number.isInteger(port) || port <= 0) {
  process.stderr.write('usage: PORT=NNNN node --import tsx bench/bare-server.ts pages.json\n');
  process.exit(2);
}

const recorded = JSON.parse(fs.readFileSync(file, 'utf8')) as readonly RecordedPage[];
const answers = new Map<string, Answer>(
  recorded.map((p) => [p.path, { status: p.status, headers: p.headers, body: Buffer.from(p.bodyBase64, 'base64') }]),
);

const server = http.createServer((request, response) => {
  const answer = answers.get(request.url ?? '');
  if (!answer) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(answer.status, answer.headers);
  response.end(answer.body);
});
// SIGTERM (the default action) ends it: there is nothing to flush.
server.listen(port, '127.0.0.1');
