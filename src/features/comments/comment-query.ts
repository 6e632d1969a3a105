// The general comments query (what WordPress's REST comments collection filters by) and what it answers.
import type { Comment, CommentStatus } from './comments.js';

export interface CommentQuery {
  readonly statuses: readonly CommentStatus[];
  /** Only comments on published posts (what anyone may read); otherwise comments on posts of any status. */
  readonly publishedPostsOnly?: boolean;
  readonly postIds?: readonly number[];
  /** Parents; 0 stands for the top level (no parent), as in WordPress. */
  readonly parentIds?: readonly number[];
  readonly parentExclude?: readonly number[];
  /** Accounts that wrote them (comments.user_id). */
  readonly authorIds?: readonly number[];
  readonly authorExclude?: readonly number[];
  readonly authorEmail?: string;
  readonly include?: readonly number[];
  readonly exclude?: readonly number[];
  /** Words in the author's name, e-mail, website or the text (every word, anywhere, ignoring case). */
  readonly search?: string;
  readonly orderBy: 'date' | 'id';
  readonly order: 'asc' | 'desc';
  readonly limit: number;
  readonly offset: number;
}

/** A comment with the text as its author wrote it (what an editor is shown to change). */
export interface QueriedComment extends Comment {
  readonly source: string;
}

export interface CommentQuerying {
  /** One page of the comments `query` selects, and how many it selects in all. */
  query(query: CommentQuery): Promise<{ readonly comments: readonly QueriedComment[]; readonly total: number }>;
}
