// /wp/v2/posts/ID/revisions and /wp/v2/pages/ID/revisions (and one revision by id): the saved states of a post,
// for those who may edit it, as WordPress's revisions controller lists them. Autosaves are not revisions here.
import { renderMarkdown, sanitizeUserHtml } from '../../features/content/index.js';
import { type Post, type PostType, type Revision, canEditPost } from '../../features/posts/index.js';
import { type User, htmlTrustOf } from '../../features/users/index.js';
import { escapeHtml } from '../../kernel/html.js';
import { localDateTimeOf } from '../../kernel/time.js';
import type { WpApi, WpRequest, WpResponse } from './api.js';
import { PAGING_ARGS, collectionResponse, windowOf } from './collection.js';
import { apiUrl, siteUrl } from './links.js';
import { wpError } from './wp-error.js';

const CONTEXT = { type: 'string', enum: ['view', 'embed', 'edit'], default: 'view', description: 'Scope under which the request is made; determines fields present in response.' } as const;
const PARENT = { type: 'integer', description: 'The ID for the parent of the revision.' } as const;

/** The post's revisions (newest first) when `caller` may edit it; undefined otherwise (nothing to count or show). */
export async function revisionsOf(api: WpApi, post: Post, caller: User | undefined): Promise<Revision[] | undefined> {
  if (!caller || !canEditPost(caller, post)) return undefined;
  return (await api.deps.services.revisions.list(post, caller)).filter((r) => r.kind === 'revision');
}

function createRevisionHandlers(api: WpApi, type: PostType) {
  const { posts, settings, users } = api.deps.services;
  const collection = type === 'page' ? '/wp/v2/pages' : '/wp/v2/posts';

  /** The parent and its revisions, refused as WordPress refuses: no such parent (404), not allowed (401/403). */
  async function load({ args, caller }: WpRequest): Promise<{ post: Post; revisions: Revision[] }> {
    const post = await posts.findById(args.integer('parent') ?? 0);
    if (!post || post.type !== type) throw wpError('rest_post_invalid_parent', 'Invalid post parent ID.', 404);
    const revisions = await revisionsOf(api, post, caller);
    if (!revisions) throw wpError('rest_cannot_read', 'Sorry, you are not allowed to view revisions of this post.', caller ? 403 : 401);
    return { post, revisions };
  }

  async function present(post: Post, revisions: readonly Revision[], edit: boolean) {
    const [{ timezone }, author] = await Promise.all([settings.get(), users.findById(post.authorId)]);
    // Rendered as the post is: in its format, with its author's trust (WordPress's kses rule).
    const trust = htmlTrustOf(author?.role ?? 'subscriber');
    return revisions.map((revision) => {
      const rendered = post.format === 'markdown' ? renderMarkdown(revision.source, trust) : sanitizeUserHtml(revision.source, trust);
      const date = localDateTimeOf(new Date(revision.createdAt), timezone);
      const gmt = new Date(revision.createdAt).toISOString().slice(0, 19);
      const guid = `${siteUrl(api.deps)}/?p=${post.id}&revision=${revision.id}`;
      const text = (raw: string, html: string) => (edit ? { raw, rendered: html } : { rendered: html });
      return {
        author: revision.authorId, date, date_gmt: gmt, id: revision.id, modified: date, modified_gmt: gmt, parent: post.id,
        slug: `${post.id}-revision-v1`, guid: text(guid, guid), title: text(revision.title, escapeHtml(revision.title)),
        content: text(revision.source, rendered), excerpt: text(revision.excerpt, revision.excerpt ? `<p>${escapeHtml(revision.excerpt)}</p>\n` : ''),
        _links: { parent: [{ href: apiUrl(api.deps, `${collection}/${post.id}`) }] },
      };
    });
  }

  async function list(request: WpRequest): Promise<WpResponse> {
    const { post, revisions } = await load(request);
    const window = windowOf(request);
    const page = revisions.slice(window.offset, window.offset + window.perPage);
    const body = await present(post, page, request.args.string('context') === 'edit');
    return collectionResponse(api.deps, request, window, revisions.length, body, 'rest_revision_invalid_page_number');
  }

  async function read(request: WpRequest): Promise<WpResponse> {
    const { post, revisions } = await load(request);
    const revision = revisions.find((r) => r.id === request.args.integer('id'));
    if (!revision) throw wpError('rest_post_invalid_id', 'Invalid revision ID.', 404);
    const [body] = await present(post, [revision], request.args.string('context') === 'edit');
    return { body };
  }

  return { list, read };
}

export function registerRevisionRoutes(api: WpApi): void {
  for (const type of ['post', 'page'] as const) {
    const base = type === 'page' ? '/wp/v2/pages/:parent/revisions' : '/wp/v2/posts/:parent/revisions';
    const handlers = createRevisionHandlers(api, type);
    api.route(base, { methods: ['GET'], args: { parent: PARENT, context: CONTEXT, page: PAGING_ARGS.page, per_page: PAGING_ARGS.per_page, offset: PAGING_ARGS.offset }, handler: handlers.list });
    api.route(`${base}/:id`, { methods: ['GET'], args: { parent: PARENT, id: { type: 'integer', description: 'Unique identifier for the revision.' }, context: CONTEXT }, handler: handlers.read });
  }
}
