// The static-file baseline: Debian's nginx, one worker process, serving the recorded pages as files from a temp root.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { type RecordedPage, type RunningServer, freePort, startProgram } from './servers.js';

export const NGINX_BINARY = '/usr/sbin/nginx';

/** Why nginx cannot be used here, or undefined when it can. */
export function nginxMissing(): string | undefined {
  if (fs.existsSync(NGINX_BINARY)) return undefined;
  return `${NGINX_BINARY} is missing: the nginx rows are skipped. Install Debian's nginx to get them: apt-get install -y nginx`;
}

/** "nginx 1.22.1", from `nginx -v` (which prints to stderr). */
export function nginxVersion(): string {
  const { stderr } = spawnSync(NGINX_BINARY, ['-v'], { encoding: 'utf8' });
  const version = /nginx\/([\d.]+)/.exec(stderr ?? '')?.[1];
  return version ? `nginx ${version}` : 'nginx';
}

// nginx sets these itself (or they describe the connection): the rest of Quire's headers are added as they were.
const NGINX_OWN = new Set(['content-type', 'content-length', 'etag', 'last-modified', 'date', 'connection', 'keep-alive', 'transfer-encoding', 'server', 'accept-ranges']);

/** A header value as an nginx string, or undefined when it cannot be written as one (nginx has no escape for `$`). */
function nginxString(value: string): string | undefined {
  if (value.includes('$') || /[\r\n]/.test(value)) return undefined;
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export interface NginxSite {
  /** The folder that holds nginx.conf, the document root, the pid file and the logs. */
  readonly dir: string;
  readonly config: string;
  /** Headers of Quire's answer that could not be replayed by nginx (none, normally). */
  readonly skippedHeaders: readonly string[];
}

/**
 * Writes each page's body as a file (a path ending in / gets its index.html, as a static site generator would lay it
 * out) and a minimal nginx.conf: one worker, sendfile, keep-alive, no logs, Quire's other headers added as they were.
 */
export function writeNginxSite(dir: string, pages: readonly RecordedPage[], port: number): NginxSite {
  const root = path.join(dir, 'root');
  // nginx's worker runs as nobody when started by root: it must be able to read the files.
  fs.mkdirSync(root, { recursive: true, mode: 0o755 });
  fs.chmodSync(dir, 0o755);
  for (const page of pages) {
    const file = path.join(root, page.path.endsWith('/') ? `${page.path}index.html` : page.path);
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o755 });
    fs.writeFileSync(file, Buffer.from(page.bodyBase64, 'base64'), { mode: 0o644 });
  }
  const first = pages[0];
  const contentType = String(first?.headers['content-type'] ?? 'text/html; charset=utf-8');
  const skippedHeaders: string[] = [];
  const addHeaders: string[] = [];
  for (const [name, value] of Object.entries(first?.headers ?? {})) {
    if (NGINX_OWN.has(name)) continue;
    for (const one of Array.isArray(value) ? value : [value]) {
      const quoted = nginxString(one);
      if (quoted === undefined) skippedHeaders.push(name);
      else addHeaders.push(`      add_header ${name} ${quoted};`);
    }
  }
  const temp = (name: string) => path.join(dir, name);
  const config = path.join(dir, 'nginx.conf');
  fs.writeFileSync(
    config,
    [
      'daemon off;',
      'worker_processes 1;',
      `pid ${temp('nginx.pid')};`,
      `error_log ${temp('error.log')} warn;`,
      'events { worker_connections 1024; }',
      'http {',
      '  access_log off;',
      '  sendfile on;',
      '  tcp_nopush on;',
      '  keepalive_requests 100000;',
      '  server_tokens off;',
      // Every file is one of the pages: the same Content-Type as Quire's.
      '  types { }',
      `  default_type ${nginxString(contentType) ?? '"text/html"'};`,
      `  client_body_temp_path ${temp('client_body')};`,
      `  proxy_temp_path ${temp('proxy')};`,
      `  fastcgi_temp_path ${temp('fastcgi')};`,
      `  uwsgi_temp_path ${temp('uwsgi')};`,
      `  scgi_temp_path ${temp('scgi')};`,
      '  server {',
      `    listen 127.0.0.1:${port};`,
      `    root ${root};`,
      '    index index.html;',
      '    location / {',
      ...addHeaders,
      '    }',
      '  }',
      '}',
      '',
    ].join('\n'),
  );
  return { dir, config, skippedHeaders };
}

/** `nginx -c <conf> -p <dir> -e <log>` as a child process; the pages must have been written with writeNginxSite. */
export async function startNginx(dir: string, pages: readonly RecordedPage[], readyPath: string): Promise<{ server: RunningServer; site: NginxSite }> {
  const port = await freePort();
  const site = writeNginxSite(dir, pages, port);
  const server = await startProgram(
    'nginx, worker_processes 1',
    NGINX_BINARY,
    ['-c', site.config, '-p', `${dir}/`, '-e', path.join(dir, 'error.log')],
    port,
    readyPath,
  );
  return { server, site };
}
