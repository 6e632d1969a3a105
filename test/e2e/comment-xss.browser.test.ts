// Stored XSS in a real browser: every public corpus payload (test/fixtures/xss-corpus), sent through the comment form's
// endpoint (POST /comments, the whole pipeline) as a comment's name, website and text, is either refused with a 4xx or
// stored and rendered inert in chromium with JavaScript and the comment script on: no script runs, nothing trips the
// CSP, no handler, script URL or embed reaches the DOM. The unit-level twin is src/features/content/xss-corpus.test.ts.
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import {
  type ServedApp, collectPageProblems, describeInBrowser, inertnessReport, launchBrowser, serveTestApp,
} from '../support/browser.js';
import { buildPost, permalinkOf } from '../support/factories.js';
import { allXssPayloads } from '../support/xss-corpus.js';

// Enough per page to keep the number of page loads small, few enough that one page stays quick to render and read.
const COMMENTS_PER_PAGE = 200;
// PostgreSQL text cannot hold U+0000 (storing one fails there, and the comment form refuses it), so the one payload
// with a NUL carries U+FFFD, which is what the HTML tokenizer makes of most NULs anyway. NUL tricks against the
// sanitizer itself are covered by the unit test, through a spec-compliant parser.
const payloads = allXssPayloads().map((payload) => payload.replaceAll('\u0000', '\uFFFD'));

type Role = 'name' | 'website' | 'text';
const ROLES: readonly Role[] = ['name', 'website', 'text'];

/** The checks of the pipeline that would stop a test sending thousands of comments quickly; every other check stays on. */
const RELAXED_DISCUSSION = {
  commentMinFillSeconds: 0,
  commentFloodSeconds: 0,
  commentIpLimitPerHour: 1_000_000,
  commentSiteLimitPerMinute: 1_000_000,
  commentPreviouslyApproved: false,
  commentMaxLinks: 0,
  commentSpamThreshold: 100,
  commentRequireNameEmail: false,
  // No mail about thousands of comments.
  commentNotifyAuthor: false,
  commentNotifyModeration: false,
};

/** The form's fields with `payload` in the field `role` names; the others plain (a unique address: no duplicates). */
function formFields(postId: number, role: Role, payload: string, n: number): Record<string, string> {
  return {
    comment_post_ID: String(postId),
    comment_parent: '0',
    author: role === 'name' ? payload : `Tester ${n}`,
    email: `xss-${n}@example.test`,
    url: role === 'website' ? payload : '',
    comment: role === 'text' ? payload : `Payload ${n} as the ${role}.`,
    quire_stamp: '',
    quire_hp: '',
    submit: '1',
  };
}

interface Outcome {
  readonly role: Role;
  readonly payload: string;
  readonly status: number;
  readonly id?: number;
  readonly commentStatus?: string;
}

/** What the pipeline did with every payload in every role, and the posts that show what it stored. */
interface Submitted {
  readonly outcomes: readonly Outcome[];
  readonly pages: readonly { path: string; stored: number }[];
}

/**
 * Sends every payload in every role through POST /comments as the script does (JSON answers), on posts of at most
 * COMMENTS_PER_PAGE stored comments each.
 */
async function submitThroughForm(app: App): Promise<Submitted> {
  const outcomes: Outcome[] = [];
  const pages: { path: string; stored: number }[] = [];
  let post = await buildPost(app);
  let stored = 0;
  let n = 0;
  for (const role of ROLES) {
    for (const payload of payloads) {
      if (stored === COMMENTS_PER_PAGE) {
        pages.push({ path: permalinkOf(post), stored });
        post = await buildPost(app);
        stored = 0;
      }
      const response = await app.server.inject({
        method: 'POST',
        url: '/comments',
        headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(formFields(post.id, role, payload, ++n)).toString(),
      });
      const body = response.json() as { id?: number; status?: string };
      outcomes.push({ role, payload, status: response.statusCode, id: body.id, commentStatus: body.status });
      if (response.statusCode === 201) stored++;
    }
  }
  if (stored > 0) pages.push({ path: permalinkOf(post), stored });
  return { outcomes, pages };
}

describeInBrowser('every XSS corpus payload sent through the comment form is refused or inert in chromium', () => {
  let served: ServedApp | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let submitted: Submitted = { outcomes: [], pages: [] };

  beforeAll(async () => {
    // One after the other, so that afterAll closes whichever started when the other fails.
    served = await serveTestApp();
    browser = await launchBrowser();
    context = await browser.newContext({ javaScriptEnabled: true });
    await served.app.services.settings.update(RELAXED_DISCUSSION);
    submitted = await submitThroughForm(served.app);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  it('the checkers themselves see script that runs, CSP violations and active markup', async () => {
    if (!context || !served) throw new Error('beforeAll did not finish');
    const page = await context.newPage();
    const problems = collectPageProblems(page);
    // A page of our origin with a CSP like ours: the inline script and the handler are blocked and reported.
    await page.route(`${served.baseUrl}/checker-probe`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        headers: { 'Content-Security-Policy': "script-src 'self'" },
        body: '<main><script>alert(1)</script><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" onerror="alert(2)">'
          + '<a href="java&#9;script:alert(3)">x</a><iframe src="https://example.invalid/"></iframe></main>',
      }),
    );
    await page.goto(`${served.baseUrl}/checker-probe`);
    expect(problems.filter((p) => p.startsWith('CSP violation')).length).toBeGreaterThanOrEqual(2);
    expect(await inertnessReport(page)).toEqual([
      'script not from this site <script>',
      'event handler <img onerror="alert(2)">',
      'script URL <a href="java\tscript:alert(3)">',
      'embedding or redirecting <iframe>',
    ]);
    await page.close();
    // Without a CSP (a blank page) the script runs: the dialog and the uncaught exception are recorded.
    const blank = await context.newPage();
    const blankProblems = collectPageProblems(blank);
    await blank.setContent('<script>alert("ran"); throw new Error("boom")</script>');
    expect(blankProblems).toEqual(['alert dialog on about:blank: ran', 'uncaught exception on about:blank: boom']);
    await blank.close();
  });

  it('every payload, as name, website and text, was either stored or refused with a 4xx, never a 500', async () => {
    if (!served) throw new Error('beforeAll did not finish');
    const { outcomes } = submitted;
    expect(outcomes.length).toBe(payloads.length * ROLES.length);
    const failed = outcomes.filter((o) => o.status !== 201 && (o.status < 400 || o.status > 499));
    expect(failed.map((o) => `${o.role} ${o.status}: ${o.payload.slice(0, 60)}`)).toEqual([]);
    // Nothing else holds them: all that was stored is on the pages.
    const stored = outcomes.filter((o) => o.status === 201);
    expect(stored.filter((o) => o.commentStatus !== 'approved')).toEqual([]);
    // Guards against a vacuous pass: most payloads are stored as text and as names (the rest is too long, or empty).
    for (const role of ['text', 'name'] as const) {
      expect(stored.filter((o) => o.role === role).length, role).toBeGreaterThan(payloads.length * 0.8);
    }
    expect(stored.filter((o) => o.role === 'website').length).toBeGreaterThan(0);
    // The website field keeps web addresses only: no javascript:, data: or other scheme was stored.
    for (const { id } of stored) {
      const comment = await served.app.services.comments.find(id ?? 0);
      expect(comment?.authorUrl ?? '', `comment ${id}`).toMatch(/^(https?:\/\/.*)?$/is);
    }
  }, 120_000);

  it('every page of stored payloads renders inert with the comment script running', async () => {
    if (!context || !served) throw new Error('beforeAll did not finish');
    expect(submitted.pages.length).toBeGreaterThan(1);
    const findings: Record<string, readonly string[]> = {};
    for (const shown of submitted.pages) {
      const page = await context.newPage();
      try {
        const problems = collectPageProblems(page);
        await page.goto(`${served.baseUrl}${shown.path}`);
        // Guards against a vacuous pass: every stored payload is on the page.
        expect(await page.locator('ol.comment-list li[id^=comment-]').count(), shown.path).toBe(shown.stored);
        // The comment script ran on it (the stamp is fetched, live comments followed): a page of ours, scripted.
        await page.waitForLoadState('networkidle');
        expect(await page.locator('[aria-live=polite]').count(), shown.path).toBe(1);
        const found = [...(await inertnessReport(page)), ...problems];
        if (found.length > 0) findings[shown.path] = found;
      } finally {
        await page.close();
      }
    }
    expect(findings).toEqual({});
  }, 600_000);
});
