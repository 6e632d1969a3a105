// Browser tests: Debian's chromium through playwright-core, the app on a real port, and checks that a page ran no script.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, type Page, chromium } from 'playwright-core';
import { describe } from 'vitest';
import { type TestApp, type TestAppOptions, createTestApp } from './app.js';

/** Debian's package, not a Playwright download: CI installs it with apt (.ci/run), like PostgreSQL. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

// Headless and quiet: no sandbox (CI runs as root in a container), no GPU, and none of the background traffic
// (updates, sync, QUIC probes) a desktop browser starts, so that a test's network is only its own site.
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export function browserAvailable(): boolean {
  try {
    fs.accessSync(CHROMIUM_PATH, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/**
 * describe() for suites that need chromium. Without it the suite is skipped with a loud banner (a laptop without
 * chromium still runs everything else), except under CI (CI set), where a silently skipped browser suite would
 * hide exactly the regressions it exists for: there it fails.
 */
export function describeInBrowser(name: string, fn: () => void): void {
  if (browserAvailable()) {
    describe(name, fn);
    return;
  }
  const line = '!'.repeat(78);
  if (process.env.CI) {
    throw new Error(`${CHROMIUM_PATH} is missing, and CI must run the browser tests ("${name}"). .ci/run installs it.`);
  }
  console.warn(
    `${line}\n!! ${CHROMIUM_PATH} is missing: SKIPPING the browser tests "${name}".\n` +
      `!! Install Debian's chromium (apt-get install chromium) to run them.\n${line}`,
  );
  describe.skip(name, fn);
}

export interface ServedApp {
  readonly app: TestApp;
  /** http://127.0.0.1:PORT (or http://localhost:PORT), also the app's publicUrl. */
  readonly baseUrl: string;
  close(): Promise<void>;
}

export interface ServeOptions extends TestAppOptions {
  /**
   * The host of the address the browser uses (and of publicUrl); 127.0.0.1 by default. 'localhost' where an IP
   * address will not do: a WebAuthn rpID must be a domain, and http://localhost is a secure context. The server
   * still listens on 127.0.0.1 only; chromium resolves localhost to loopback itself.
   */
  readonly hostname?: '127.0.0.1' | 'localhost';
}

/**
 * A createTestApp() on a real port of 127.0.0.1. The app's publicUrl (canonical links, and later redirects and
 * mail links) must be the address the browser uses, and the config is frozen when the app is built, so the port
 * must be known first. Rather than "find a free port, close it, build, listen on it again" (another process may
 * take the port in between), a plain node:http server listens on port 0 first and hands every request to
 * Fastify's own request handler (fastify.routing, what fastify.listen would attach): no window, no retries.
 */
export async function serveTestApp(serveOptions: ServeOptions = {}): Promise<ServedApp> {
  const { hostname = '127.0.0.1', ...options } = serveOptions;
  let handle: http.RequestListener | undefined;
  const server = http.createServer((request, response) => {
    if (handle) return handle(request, response);
    response.writeHead(503).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const closeServer = () => {
    server.closeAllConnections(); // browsers keep connections alive; close() alone would wait for them
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  const baseUrl = `http://${hostname}:${(server.address() as AddressInfo).port}`;
  let app: TestApp;
  try {
    app = await createTestApp({ ...options, config: { ...options.config, publicUrl: baseUrl } });
    await app.server.ready();
  } catch (error) {
    await closeServer();
    throw error;
  }
  handle = (request, response) => app.server.routing(request, response);
  return {
    app,
    baseUrl,
    async close() {
      await closeServer();
      await app.close();
    },
  };
}

/**
 * Starts recording what a page does that our pages never should: console errors, uncaught exceptions, dialogs
 * (dismissed; an alert() is the classic proof that injected script ran), CSP violations (reported by chromium on
 * the console, also with JavaScript disabled) and requests to other origins. The list fills as the page runs.
 */
export function collectPageProblems(page: Page): readonly string[] {
  const problems: string[] = [];
  let siteOrigin: string | undefined;
  page.on('console', (message) => {
    const text = message.text();
    if (/Content Security Policy/i.test(text)) problems.push(`CSP violation on ${page.url()}: ${text}`);
    // For "Failed to load resource" the location is the resource that failed.
    else if (message.type() === 'error') problems.push(`console error on ${page.url()}: ${text} (${message.location().url})`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught exception on ${page.url()}: ${error.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`${dialog.type()} dialog on ${page.url()}: ${dialog.message()}`);
    dialog.dismiss().catch(() => {}); // the page may already be gone
  });
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return;
    // The first document the page loads is the site under test; anything else is a leak (an image, a refresh).
    siteOrigin ??= request.isNavigationRequest() ? url.origin : undefined;
    if (siteOrigin !== undefined && url.origin !== siteOrigin) problems.push(`request to another site from ${page.url()}: ${url.href}`);
  });
  return problems;
}

// The little of the DOM that inertnessReport's page function touches: the project compiles without lib "dom".
interface DomElement {
  readonly localName: string;
  readonly attributes: ArrayLike<{ readonly name: string; readonly value: string }>;
  getAttribute(name: string): string | null;
}
interface PageGlobals {
  readonly document: { readonly baseURI: string; querySelectorAll(selector: string): ArrayLike<DomElement> };
  readonly location: { readonly origin: string };
}

/**
 * Everything in the page's live DOM (as the browser parsed it, entities decoded) that could run script or take the
 * reader elsewhere, as short descriptions; empty means inert. Scripts with a src on our own origin are ours
 * (the theme may load /assets/….js); everything else listed here is never ours.
 */
export function inertnessReport(page: Page): Promise<string[]> {
  // Runs in the page: self-contained, no helpers from this module (they are not serialized with it).
  return page.evaluate(() => {
    const { document, location } = globalThis as unknown as PageGlobals;
    const found: string[] = [];
    const urlAttributes = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background'];
    const dangerousUrl = /^(javascript:|vbscript:|data:(?!image\/(png|gif|jpe?g|webp|avif)[;,]))/i;
    for (const element of Array.from(document.querySelectorAll('*'))) {
      const tag = element.localName;
      for (const { name, value } of Array.from(element.attributes)) {
        const lower = name.toLowerCase();
        const shown = `<${tag} ${name}="${value.length > 80 ? `${value.slice(0, 80)}…` : value}">`;
        if (lower.startsWith('on')) found.push(`event handler ${shown}`);
        else if (lower === 'srcdoc') found.push(`inline frame document ${shown}`);
        // URL parsers drop whitespace and control characters, so "java\tscript:" is javascript: too.
        else if (urlAttributes.includes(lower) && dangerousUrl.test(value.replace(/[\u0000-\u0020\u007f-\u009f]/g, ''))) {
          found.push(`script URL ${shown}`);
        }
      }
      // A JSON-LD block is data: browsers never run a script element of that type (the theme writes the posts' own).
      if (tag === 'script' && element.getAttribute('type')?.trim().toLowerCase() !== 'application/ld+json') {
        const src = element.getAttribute('src');
        const ours = src !== null && new URL(src, document.baseURI).origin === location.origin;
        if (!ours) found.push(`script not from this site <script${src === null ? '' : ` src="${src}"`}>`);
      }
    }
    // Embeds only count in main, where content lives; a <base> or a refresh redirects the whole page wherever it is.
    const embedders = 'main iframe, main frame, main object, main embed, base, meta[http-equiv="refresh" i]';
    for (const element of Array.from(document.querySelectorAll(embedders))) found.push(`embedding or redirecting <${element.localName}>`);
    return found;
  });
}
