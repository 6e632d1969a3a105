// What the editor's script asks while someone writes: the live preview (/admin/preview) and autosaves
// (/admin/posts/:id/autosave; a new post's first autosave makes it a draft, as WordPress does).
import type { FastifyInstance } from 'fastify';
import { renderMarkdown } from '../../features/content/index.js';
import { POST_LIMITS, type PostType } from '../../features/posts/index.js';
import { type User, htmlTrustOf } from '../../features/users/index.js';
import { invalidInput } from '../../kernel/errors.js';
import { requireUser } from '../auth/current-user.js';
import type { HttpDeps } from '../deps.js';
import { textOf } from './editor.present.js';
import { EDITOR_PATHS, editablePost } from './editor.page.js';
import { markAdminResponse } from './page.js';

type Fields = Readonly<Record<string, unknown>>;

const WRITE = { access: { capability: 'edit_posts' } } as const;

/** Title, text and excerpt as typed; refused (400) when longer than a post may be. */
function autosaveText(body: Fields): { title: string; source: string; excerpt: string } {
  const text = { title: textOf(body.title), source: textOf(body.content), excerpt: textOf(body.excerpt) };
  if (text.title.length > POST_LIMITS.title || text.source.length > POST_LIMITS.source || text.excerpt.length > POST_LIMITS.excerpt) {
    throw invalidInput('POST_INVALID', 'The text is longer than a post may be; it was not autosaved.');
  }
  return text;
}

export function registerEditorApiRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const { posts, revisions, users } = deps.services;

  /** Whose trust the preview renders with: the post's author's (as saving would), or the writer's for a new post. */
  async function previewAuthor(user: User, rawId: string): Promise<User> {
    if (rawId === '') return user;
    const post = await editablePost(deps, rawId, user);
    return post.authorId === user.id ? user : ((await users.findById(post.authorId)) ?? user);
  }

  app.post<{ Body: Fields }>(EDITOR_PATHS.preview, { config: WRITE }, async (request, reply) => {
    const user = await requireUser(request, deps.services);
    const body = request.body ?? {};
    deps.csrf.verify(request, body._csrf);
    const source = textOf(body.content);
    if (source.length > POST_LIMITS.source) throw invalidInput('POST_INVALID', 'The text is too long to preview.');
    const author = await previewAuthor(user, textOf(body.post));
    return markAdminResponse(reply).send({ html: renderMarkdown(source, htmlTrustOf(author.role)) });
  });

  app.post<{ Params: { id: string }; Body: Fields }>('/admin/posts/:id/autosave', { config: WRITE }, async (request, reply) => {
    const user = await requireUser(request, deps.services);
    const post = await editablePost(deps, request.params.id, user);
    const body = request.body ?? {};
    deps.csrf.verify(request, body._csrf);
    const autosave = await revisions.autosave(post, autosaveText(body), user);
    return markAdminResponse(reply).send({ id: post.id, savedAt: autosave.createdAt });
  });

  for (const type of ['post', 'page'] as const satisfies readonly PostType[]) {
    const config = { access: { capability: type === 'page' ? 'edit_pages' : 'edit_posts' } } as const;
    app.post<{ Body: Fields }>(EDITOR_PATHS.autosave(undefined, type), { config }, async (request, reply) => {
      const user = await requireUser(request, deps.services);
      const body = request.body ?? {};
      deps.csrf.verify(request, body._csrf);
      const text = autosaveText(body);
      const post = await posts.create({ type, ...text, status: 'draft' }, user, user);
      await revisions.record(post, user);
      await revisions.lock(post, user);
      request.log.info({ userId: user.id, postId: post.id }, 'draft created by autosave');
      return markAdminResponse(reply).send({
        id: post.id, savedAt: post.updatedAt, editUrl: EDITOR_PATHS.edit(post.id),
        autosaveUrl: EDITOR_PATHS.autosave(post.id, type), lockUrl: EDITOR_PATHS.lock(post.id),
      });
    });
  }
}
