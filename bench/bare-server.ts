// The baseline: a bare node:http server that replays pages recorded from Quire (same bytes, same headers) from memory.
// Usage: PORT=NNNN [WORKERS=N] node --import tsx bench/bare-server.ts pages.json
// With WORKERS above 1, a node:cluster primary forks N such servers sharing the port (as `quire serve --workers N`
// does) and prints "ready with N workers" once all of them listen.
import cluster from 'node:cluster';
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
const workers = Number(process.env.WORKERS ?? 1);
if (!file || !Number.isInteger(port) || port <= 0 || !Number.isInteger(workers) || workers < 1) {
  process.stderr.write('usage: PORT=NNNN [WORKERS=N] node --import tsx bench/bare-server.ts pages.json\n');
  process.exit(2);
}

if (workers > 1 && cluster.isPrimary) {
  let listening = 0;
  cluster.on('listening', () => {
    listening += 1;
    if (listening === workers) process.stdout.write(`ready with ${workers} workers\n`);
  });
  for (let i = 0; i < workers; i++) cluster.fork();
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
      cluster.once('exit', () => process.exit(0));
    });
  }
} else {
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
  server.listen(port, '127.0.0.1');
  // There is nothing to flush, but a normal exit lets `node --cpu-prof` write its profile (SIGTERM's default action would not).
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => process.exit(0));
}
