// Which cached pages each change makes stale: the one table from ChangeBus events to cache tags.
import type { ChangeBus, ChangeEvent } from '../../kernel/events.js';
import type { PageCache } from './page-cache.js';
import { COMMENTS_TAG, SITE_TAG, authorTag, postTag, termTag } from './tags.js';

export type Purge = { readonly all: true } | { readonly all: false; readonly tags: readonly string[] };

/**
 * Every public page shows the site frame (tag 'site': settings, pages menu, recent posts, categories
 * with counts, archive months); lists and single pages tag each post they show ('post:ID'), archives
 * their term or author ('term:ID', 'author:ID').
 *
 * | event                                     | purges          | because                                            |
 * | ----------------------------------------- | --------------- | -------------------------------------------------- |
 * | settings changed                          | everything      | title, language, time zone, per-page… shape pages  |
 * | term created or changed                   | site, term:ID   | the sidebar lists every category with its count    |
 * | post created, published, edited, trashed, | site, post:ID   | the sidebar shows recent posts, months and counts  |
 * |   or filed under other terms              |                 |                                                    |
 * | comment approved on post X                | post:X,         | X's page and every card of X show its comments;    |
 * |                                           | comments        | the site's comments feed lists the newest ones     |
 * | user created or changed                   | site, author:ID | author names appear on cards across the site       |
 * | job enqueued                              | nothing         | no page shows the job queue                        |
 * | commenter ban made or lifted              | nothing         | no page shows the bans                             |
 *
 * A post event does not say whether the post is public, so a new draft purges 'site' too: correct,
 * if more than needed.
 */
export function purgeFor(event: ChangeEvent): Purge {
  switch (event.type) {
    case 'settings':
      return { all: true };
    case 'term':
      return { all: false, tags: [SITE_TAG, termTag(event.termId)] };
    case 'post':
      return { all: false, tags: [SITE_TAG, postTag(event.postId)] };
    case 'comment':
      return { all: false, tags: [postTag(event.postId), COMMENTS_TAG] };
    case 'user':
      return { all: false, tags: [SITE_TAG, authorTag(event.userId)] };
    case 'job':
    case 'bans':
      return { all: false, tags: [] };
  }
}

/** Purges the cache on every change, synchronously: a write's own process is fresh before the write returns. */
export function invalidateOnChange(events: ChangeBus, cache: PageCache): () => void {
  return events.subscribe((event) => {
    const purge = purgeFor(event);
    if (purge.all) cache.purgeAll();
    else if (purge.tags.length > 0) cache.purgeTags(purge.tags);
  });
}
