// Factories: small, explicit data for one test, made through the same services an editor uses.
import type { App } from '../../src/app.js';
import type { ImportedComment } from '../../src/features/comments/index.js';
import { type Post, type PostInput, postPermalinkPath } from '../../src/features/posts/index.js';
import type { NewTermInput, Term } from '../../src/features/taxonomy/index.js';
import type { NewUserInput, User } from '../../src/features/users/index.js';

// Unique names within one test file (each file runs in its own process on its own database).
let sequence = 0;
const next = () => ++sequence;

/** An author (no password) with a unique login and e-mail. */
export async function buildAuthor(app: App, overrides: Partial<NewUserInput> = {}): Promise<User> {
  const n = next();
  return app.services.users.create({
    email: `author${n}@example.test`,
    login: `author${n}`,
    displayName: `Author ${n}`,
    role: 'author',
    ...overrides,
  });
}

export interface PostOverrides extends Partial<PostInput> {
  /** Who writes it; a new author when absent. */
  readonly author?: User;
  readonly categories?: readonly Term[];
  /** Tag names, created when missing. */
  readonly tags?: readonly string[];
}

/** A published post (unless overridden) with a unique title and slug, filed under the given terms. */
export async function buildPost(app: App, overrides: PostOverrides = {}): Promise<Post> {
  const n = next();
  const { author, categories = [], tags = [], ...input } = overrides;
  const writer = author ?? (await buildAuthor(app));
  const post = await app.services.posts.create(
    { title: `Factory post ${n}`, source: `The body of factory post ${n}.`, status: 'published', ...input },
    writer,
  );
  if (categories.length > 0 || tags.length > 0) {
    const tagTerms = await app.services.taxonomy.ensureTags(tags);
    await app.services.taxonomy.setPostTerms(post.id, [...categories.map((c) => c.id), ...tagTerms.map((t) => t.id)]);
  }
  return post;
}

/** A published page (unless overridden). */
export function buildPage(app: App, overrides: PostOverrides = {}): Promise<Post> {
  return buildPost(app, { type: 'page', ...overrides });
}

export async function buildCategory(app: App, overrides: Partial<NewTermInput> = {}): Promise<Term> {
  const n = next();
  return app.services.taxonomy.create('category', { name: `Category ${n}`, ...overrides });
}

/** An approved comment on `post`; returns its id. */
export function buildComment(app: App, post: Pick<Post, 'id' | 'publishedAt'>, overrides: Partial<ImportedComment> = {}): Promise<number> {
  const n = next();
  return app.services.comments.insertTrusted({
    postId: post.id,
    parentId: null,
    status: 'approved',
    authorName: `Commenter ${n}`,
    authorEmail: `commenter${n}@example.test`,
    source: `Comment number ${n}.`,
    createdAt: post.publishedAt ?? new Date().toISOString(),
    ...overrides,
  });
}

/** Where the public site shows a post under the default structure (day and name, which needs no id): /YYYY/MM/DD/slug/. */
export function permalinkOf(post: Pick<Post, 'slug' | 'publishedLocal'>): string {
  return postPermalinkPath({ id: 0, ...post }, '/%year%/%monthnum%/%day%/%postname%/');
}
