// The shape of the demo site that first run seeds: pure data, no database.

export interface DemoAuthor {
  readonly login: string;
  readonly displayName: string;
  readonly email: string;
  readonly role: 'editor' | 'author' | 'contributor';
  readonly bio: string;
}

export interface DemoCategory {
  readonly slug: string;
  readonly name: string;
  readonly description: string;
  /** Slug of the parent category, for nested categories. */
  readonly parent?: string;
}

export interface DemoComment {
  readonly authorName: string;
  readonly authorEmail: string;
  readonly authorUrl?: string;
  /** Markdown subset: emphasis, links, code, blockquote, lists. */
  readonly body: string;
  /** Minutes after the post's publication when the comment was written. */
  readonly minutesAfterPost: number;
  readonly replies?: readonly DemoComment[];
}

export interface DemoPost {
  readonly slug: string;
  readonly title: string;
  /** ISO 8601 UTC, e.g. '2026-03-14T09:30:00.000Z'. */
  readonly publishedAt: string;
  /** Login of one of the demo authors. */
  readonly author: string;
  /** Category slugs. */
  readonly categories: readonly string[];
  /** Tag names. */
  readonly tags: readonly string[];
  readonly markdown: string;
  /** Optional hand-written excerpt (plain text). */
  readonly excerpt?: string;
  readonly comments?: readonly DemoComment[];
}

export interface DemoPage {
  readonly slug: string;
  readonly title: string;
  readonly markdown: string;
  readonly menuOrder: number;
}

export interface DemoSite {
  readonly title: string;
  readonly tagline: string;
  readonly authors: readonly DemoAuthor[];
  readonly categories: readonly DemoCategory[];
  readonly posts: readonly DemoPost[];
  readonly pages: readonly DemoPage[];
}
