// A commenter's own data: the download of every comment and subscription of an address, and their erasure in one
// transaction; asking for the mailed link that lets the owner of an address do either, and that link's token.
import type { Db } from '../../db/database.js';
import type { Clock } from '../../kernel/clock.js';
import type { ChangeBus } from '../../kernel/events.js';
import { renderMarkdown } from '../content/index.js';
import type { PermalinkOf, PostsService } from '../posts/index.js';
import {
  type ErasureReport, type PrivacyExport, type SubscriptionExportItem, ERASED_TEXT, PRIVACY_LINK_JOB, PRIVACY_LINK_PURPOSE,
  PRIVACY_LINK_TTL_MS, normalizePrivacyEmail, privacyLinkDedupeKey, privacyTokenOf,
} from './privacy.js';
import { privacyLinkInvalid } from './privacy.errors.js';
import * as repo from './privacy.repo.js';

/** What privacy needs of the subscriptions feature. */
export interface PrivacySubscriptions {
  exportFor(email: string): Promise<readonly SubscriptionExportItem[]>;
}

/** The subscriptions feature's erasure, run on the Db it is given (the erasure's transaction). */
export interface PrivacySubscriptionsEraser {
  eraseFor(email: string): Promise<number>;
}

/** What privacy needs of the one-time tokens feature (random tokens, stored as hashes only). */
export interface PrivacyTokens {
  issue(purpose: string, subject: string, lifetimeMs: number): Promise<string>;
  peek(purpose: string, token: string): Promise<string | undefined>;
  consume(purpose: string, token: string): Promise<string | undefined>;
  /** Every token whose subject is this (an address being erased), used or not. */
  deleteForSubject(subject: string): Promise<number>;
}

export interface PrivacyDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly events: ChangeBus;
  readonly subscriptions: PrivacySubscriptions;
  /**
   * The subscriptions feature working inside a transaction of ours (app.ts builds it on the Db handed in),
   * so that comments and subscriptions are erased together or not at all.
   */
  readonly subscriptionsWithin: (tx: Db) => PrivacySubscriptionsEraser;
  /** The links' tokens: their subject is the normalised address, so the link itself carries none. */
  readonly tokens: PrivacyTokens;
  /**
   * The tokens feature inside the erasure's transaction: the link is used up, and every token naming the address
   * deleted, if and only if the erasure commits.
   */
  readonly tokensWithin: (tx: Db) => Pick<PrivacyTokens, 'consume' | 'deleteForSubject'>;
  /** The posts' addresses in the site's permalink structure, for the download's links. */
  readonly posts: Pick<PostsService, 'permalinks'>;
}

export interface PrivacyService {
  /** Every comment (any status) and subscription of the address. PRIVACY_EMAIL_INVALID for a malformed one. */
  exportFor(email: string): Promise<PrivacyExport>;
  /**
   * In one transaction: the address's comments keep their place in their threads but lose their text, name,
   * address, website, IP hash and user agent; its subscriptions are deleted, and so are the one-time tokens whose
   * subject it is and the jobs whose payload carries it (done, dead or queued). Pages showing them are announced.
   */
  eraseFor(email: string): Promise<ErasureReport>;
  /** True when any comment or subscription carries the address. */
  hasDataFor(email: string): Promise<boolean>;
  /**
   * Queues the mail with a link to the address's privacy page (at most one an hour per address). Queued
   * whether or not anything is stored for it: the job decides, so the asking answers the same for everyone.
   */
  requestLink(email: string): Promise<void>;
  /** A new link token for the address, live PRIVACY_LINK_TTL_MS: made when its mail is sent, never before. */
  issueLink(email: string): Promise<string>;
  /** The address a live link token is for, without using it up; PRIVACY_LINK_INVALID otherwise. */
  openLink(token: unknown): Promise<string>;
  /** Erases the data of the link's address and uses the link up, together; PRIVACY_LINK_INVALID when it is not live. */
  eraseByLink(token: unknown): Promise<ErasureReport & { readonly email: string }>;
}

/** Where the post of a comment lives: its permalink when published, else /?p=ID (which redirects, or says 404). */
function postPathOf(row: repo.CommentOfEmail, permalinkOf: PermalinkOf): string {
  const published = row.postStatus === 'published' && row.postType === 'post' && row.postPublishedLocal !== null;
  return published ? permalinkOf({ id: row.postId, slug: row.postSlug, publishedLocal: row.postPublishedLocal }) : `/?p=${row.postId}`;
}

export function createPrivacyService(deps: PrivacyDeps): PrivacyService {
  const { db, clock, events } = deps;
  const erased = { text: ERASED_TEXT, html: renderMarkdown(ERASED_TEXT, 'comment'), name: ERASED_TEXT };

  /**
   * Comments and subscriptions of `email` erased on `tx`, and every other place the address is stored by it: the
   * tokens naming it (privacy links) and the jobs carrying it (the mail of those links, account mails). The posts
   * touched are announced once it commits.
   */
  async function eraseWithin(tx: Db, email: string) {
    const comments = await repo.eraseCommentsByEmail(tx, email, erased);
    const subscriptions = await deps.subscriptionsWithin(tx).eraseFor(email);
    await deps.tokensWithin(tx).deleteForSubject(email);
    await repo.deleteJobsCarrying(tx, email);
    return { comments, subscriptions };
  }

  function announce(postIds: readonly number[]): void {
    // After the commit: caches refill from what is stored now.
    for (const postId of postIds) events.publish({ type: 'comment', postId });
  }

  return {
    async exportFor(raw) {
      const email = normalizePrivacyEmail(raw);
      const [comments, subscriptions, permalinkOf] = await Promise.all([
        repo.listCommentsByEmail(db, email), deps.subscriptions.exportFor(email), deps.posts.permalinks(),
      ]);
      return {
        email,
        exportedAt: clock.now().toISOString(),
        comments: comments.map((c) => ({
          id: c.id, parentId: c.parentId, postId: c.postId, postTitle: c.postTitle, postPath: postPathOf(c, permalinkOf), date: c.createdAt,
          status: c.status, name: c.authorName, url: c.authorUrl, text: c.source,
        })),
        subscriptions: subscriptions.map(({ kind, postId, status, createdAt, confirmedAt }) => ({ kind, postId, status, createdAt, confirmedAt })),
      };
    },

    async eraseFor(raw) {
      const email = normalizePrivacyEmail(raw);
      const { comments, subscriptions } = await repo.inTransaction(db, (tx) => eraseWithin(tx, email));
      announce(comments.postIds);
      return { comments: comments.count, subscriptions };
    },

    async eraseByLink(raw) {
      const token = privacyTokenOf(raw);
      if (token === undefined) throw privacyLinkInvalid();
      const done = await repo.inTransaction(db, async (tx) => {
        // Used up first: of two erasures racing with one link, the second finds it spent and changes nothing.
        const email = await deps.tokensWithin(tx).consume(PRIVACY_LINK_PURPOSE, token);
        if (email === undefined) throw privacyLinkInvalid();
        return { email, ...(await eraseWithin(tx, email)) };
      });
      announce(done.comments.postIds);
      return { email: done.email, comments: done.comments.count, subscriptions: done.subscriptions };
    },

    async issueLink(raw) {
      return deps.tokens.issue(PRIVACY_LINK_PURPOSE, normalizePrivacyEmail(raw), PRIVACY_LINK_TTL_MS);
    },

    async openLink(raw) {
      const token = privacyTokenOf(raw);
      const email = token === undefined ? undefined : await deps.tokens.peek(PRIVACY_LINK_PURPOSE, token);
      if (email === undefined) throw privacyLinkInvalid();
      return email;
    },

    async hasDataFor(raw) {
      const email = normalizePrivacyEmail(raw);
      const [comments, subscriptions] = await Promise.all([repo.countCommentsByEmail(db, email), deps.subscriptions.exportFor(email)]);
      return comments > 0 || subscriptions.length > 0;
    },

    async requestLink(raw) {
      const email = normalizePrivacyEmail(raw);
      const now = clock.now();
      const at = now.toISOString();
      const queued = await repo.queuePrivacyJob(db, {
        kind: PRIVACY_LINK_JOB, payload: { email }, runAt: at, createdAt: at, dedupeKey: privacyLinkDedupeKey(email, now),
      });
      if (queued) events.publish({ type: 'job', kind: PRIVACY_LINK_JOB });
    },
  };
}
