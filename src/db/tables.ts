// Kysely's picture of the schema (camelCase; CamelCasePlugin maps to snake_case columns).
// A test compares this file with the migrated database, so keep the two in step.
import type { ColumnType, Generated } from 'kysely';

/** ISO 8601 UTC text, e.g. 2026-03-14T09:30:00.000Z: sorts and compares the same on every dialect. */
export type Timestamp = string;

export type Role = 'administrator' | 'editor' | 'author' | 'contributor' | 'subscriber';
export type PostType = 'post' | 'page';
export type PostStatus = 'draft' | 'pending' | 'scheduled' | 'published' | 'private' | 'trash';
export type ContentFormat = 'markdown' | 'html';
export type CommentStatus = 'pending' | 'approved' | 'spam' | 'trash';
export type Taxonomy = 'category' | 'post_tag';
export type JobStatus = 'queued' | 'running' | 'done' | 'dead';

export interface UsersTable {
  id: Generated<number>;
  login: string;
  email: string;
  displayName: string;
  role: Role;
  passwordHash: string | null;
  bio: string;
  createdAt: Timestamp;
  /** When the owner of the address proved it (a mailed link); null: never. */
  emailVerifiedAt: Timestamp | null;
  /** The person's website (WordPress's user_url). */
  url: ColumnType<string, string | undefined, string>;
  /** The profile picture, a media item; null: initials or Gravatar. */
  avatarMediaId: number | null;
}

export interface IdentitiesTable {
  id: Generated<number>;
  userId: number | null;
  provider: string;
  subject: string;
  email: string | null;
  displayName: string;
  avatarUrl: string | null;
  createdAt: Timestamp;
}

export interface PostsTable {
  id: Generated<number>;
  type: PostType;
  title: string;
  slug: string;
  format: ContentFormat;
  source: string;
  contentHtml: string;
  excerpt: string;
  /** Plain text of title and body, what full-text search indexes. */
  searchText: string;
  status: PostStatus;
  publishedAt: Timestamp | null;
  /**
   * Wall-clock time of publication in the site's time zone when it was published, 'YYYY-MM-DDTHH:MM:SS'
   * (WordPress's post_date). Permalinks and date archives use it, so changing the time zone later moves no URL.
   */
  publishedLocal: string | null;
  authorId: number;
  parentId: number | null;
  menuOrder: ColumnType<number, number | undefined, number>;
  commentStatus: 'open' | 'closed';
  commentCount: ColumnType<number, number | undefined, number>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  /** The WordPress GUID of an imported post (a re-import recognises it); null for posts written here. */
  guid: ColumnType<string | null, string | null | undefined, string | null>;
  /** The featured image, a media item. */
  featuredMediaId: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface TermsTable {
  id: Generated<number>;
  taxonomy: Taxonomy;
  name: string;
  slug: string;
  description: string;
  parentId: number | null;
}

export interface PostTermsTable {
  postId: number;
  termId: number;
}

export interface CommentsTable {
  id: Generated<number>;
  postId: number;
  parentId: number | null;
  status: CommentStatus;
  authorName: string;
  authorEmail: string;
  authorUrl: string;
  userId: number | null;
  identityId: number | null;
  ipHash: string | null;
  userAgent: string;
  source: string;
  contentHtml: string;
  /** The local spam score when the comment arrived (comments/spam-score.ts); 0 for imported and staff comments. */
  spamScore: ColumnType<number, number | undefined, number>;
  createdAt: Timestamp;
}

export type SubscriptionKind = 'comments' | 'replies' | 'posts';

/** E-mail subscriptions; 'pending' until the address confirms by the link mailed to it (double opt-in). */
export interface SubscriptionsTable {
  id: Generated<number>;
  email: string;
  kind: SubscriptionKind;
  /** The post followed; 0 for 'posts' (site-wide). */
  postId: number;
  status: 'pending' | 'active';
  createdAt: Timestamp;
  confirmedAt: Timestamp | null;
}

export type BanKind = 'email' | 'ip' | 'ip_hash' | 'user';

/** Who may not comment. Rows are never deleted: lifting a ban stamps it, so the history stays. */
export interface CommentBansTable {
  id: Generated<number>;
  kind: BanKind;
  value: string;
  reason: string;
  createdBy: number | null;
  createdAt: Timestamp;
  expiresAt: Timestamp | null;
  liftedAt: Timestamp | null;
  liftedBy: number | null;
}

export interface SettingsTable {
  key: string;
  /** JSON text; features/settings owns the types. */
  value: string;
}

export interface SessionsTable {
  /** sha256 of the cookie token: a stolen database does not yield live sessions. */
  idHash: string;
  userId: number | null;
  data: string;
  createdAt: Timestamp;
  lastSeenAt: Timestamp;
  expiresAt: Timestamp;
}

export interface OneTimeTokensTable {
  tokenHash: string;
  purpose: string;
  subject: string;
  createdAt: Timestamp;
  expiresAt: Timestamp;
  usedAt: Timestamp | null;
}

/** The durable job queue (an outbox: rows are written in the same transaction as the change they follow). */
export interface JobsTable {
  id: Generated<number>;
  kind: string;
  /** JSON text; each job kind's handler owns its shape. */
  payload: string;
  /** Not before this time; a retry moves it forward by the backoff. */
  runAt: Timestamp;
  attempts: ColumnType<number, number | undefined, number>;
  maxAttempts: number;
  lockedBy: string | null;
  /** End of the running worker's lease: past it, the job is claimable again (the worker is presumed dead). */
  lockedUntil: Timestamp | null;
  lastError: string | null;
  status: JobStatus;
  /** Unique when set: enqueuing the same logical job twice stores it once. */
  dedupeKey: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/** Passkeys (WebAuthn credentials) of accounts; they sign in the account's 'site' identity. */
export interface WebauthnCredentialsTable {
  /** The credential id, base64url. */
  id: string;
  userId: number;
  /** The COSE public key, base64url. */
  publicKey: string;
  counter: ColumnType<number, number | undefined, number>;
  /** JSON array of the authenticator's transports. */
  transports: ColumnType<string, string | undefined, string>;
  name: string;
  createdAt: Timestamp;
  lastUsedAt: Timestamp | null;
}

/** A comment being written, kept for an hour while its author signs in in a full page (features/comment-drafts). */
export interface CommentDraftsTable {
  /** sha256 of the random id in the browser's quire_draft cookie. */
  idHash: string;
  postId: number;
  parentId: number | null;
  text: string;
  createdAt: Timestamp;
  expiresAt: Timestamp;
}

export interface MediaTable {
  id: Generated<number>;
  authorId: number;
  /** The post it was uploaded to; null: unattached. */
  postId: number | null;
  /** Relative to <data dir>/uploads; null for an imported item whose file stays at sourceUrl. */
  filePath: string | null;
  sourceUrl: ColumnType<string, string | undefined, string>;
  originalName: string;
  mimeType: string;
  sizeBytes: ColumnType<number, number | undefined, number>;
  width: number | null;
  height: number | null;
  title: ColumnType<string, string | undefined, string>;
  altText: ColumnType<string, string | undefined, string>;
  caption: ColumnType<string, string | undefined, string>;
  description: ColumnType<string, string | undefined, string>;
  /** JSON array of resized variants: [{ name, width, height, filePath, mimeType, sizeBytes }]. */
  variants: ColumnType<string, string | undefined, string>;
  guid: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export type RevisionKind = 'revision' | 'autosave';

/** Saved states of a post (kept, restorable) and each author's one autosave. */
export interface PostRevisionsTable {
  id: Generated<number>;
  postId: number;
  authorId: number;
  kind: RevisionKind;
  title: string;
  source: string;
  excerpt: string;
  createdAt: Timestamp;
}

/** Who has a post open in the editor, until when ("X is currently editing"). */
export interface PostLocksTable {
  postId: number;
  userId: number;
  expiresAt: Timestamp;
}

/** HTTP Basic credentials for the REST API (WordPress's application passwords). */
export interface ApplicationPasswordsTable {
  id: Generated<number>;
  userId: number;
  uuid: string;
  name: string;
  /** sha256 of the password (hex). */
  passwordHash: string;
  createdAt: Timestamp;
  lastUsedAt: Timestamp | null;
  lastIpHash: string | null;
}

export type LegacyKind = 'post' | 'comment' | 'term' | 'media' | 'user';

/** WordPress ids of imported items and the ids they have here (equal when the id was free). */
export interface LegacyIdsTable {
  kind: LegacyKind;
  oldId: number;
  newId: number;
}

/** Old permalink paths of imported posts: they answer 301 to the post. */
export interface LegacyPathsTable {
  path: string;
  postId: number;
}

/** The slug of a term merged into another (term_id): its old archive address answers 301 to that term's. */
export interface TermRedirectsTable {
  taxonomy: Taxonomy;
  slug: string;
  termId: number;
}

export interface Database {
  users: UsersTable;
  identities: IdentitiesTable;
  posts: PostsTable;
  terms: TermsTable;
  postTerms: PostTermsTable;
  comments: CommentsTable;
  settings: SettingsTable;
  sessions: SessionsTable;
  oneTimeTokens: OneTimeTokensTable;
  jobs: JobsTable;
  subscriptions: SubscriptionsTable;
  commentBans: CommentBansTable;
  webauthnCredentials: WebauthnCredentialsTable;
  commentDrafts: CommentDraftsTable;
  media: MediaTable;
  postRevisions: PostRevisionsTable;
  postLocks: PostLocksTable;
  applicationPasswords: ApplicationPasswordsTable;
  legacyIds: LegacyIdsTable;
  legacyPaths: LegacyPathsTable;
  termRedirects: TermRedirectsTable;
}
