// /admin/posts/new, /admin/pages/new and /admin/posts/:id/edit: writing and saving posts and pages. Every save goes
// through the posts service (policy, revisions, scheduling); a refused save shows the form again, as typed.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  type Post, type PostType, canAssignAuthor,
} from '../../features/posts/index.js';
import { renderMarkdown } from '../../features/content/index.js';
import { type User, can, htmlTrustOf } from '../../features/users/index.js';
import { isAppError } from '../../kernel/errors.js';
import type { AccessRule } from '../access.js';
import { requireUser } from '../auth/current-user.js';
import type { HttpDeps } from '../deps.js';
import { addCategory } from './editor-terms.js';
import {
  type EditorForm, type SaveDecision, blankValues, decideSave, formFieldErrors, postChangesOf, readEditorForm, tagNamesOf, valuesOfPost,
} from './editor.present.js';
import { EDITOR_PATHS, type EditorState, editablePost, refuseTrashed, sendEditorPage } from './editor.page.js';
import { sendEditLockNotice } from './editor-lock.route.js';
import { markAdminResponse } from './page.js';

type Fields = Readonly<Record<string, unknown>>;

const WRITE: { access: AccessRule } = { access: { capability: 'edit_posts' } };
const WRITE_PAGES: { access: AccessRule } = { access: { capability: 'edit_pages' } };
const EDIT_ROUTE = '/admin/posts/:id/edit';
/** More is a pasted list, not tagging: refused before any tag is made. */
const MAX_TAGS = 100;

/** The notice after a save, by the status it left (WordPress's messages). */
const SAVED: Readonly<Record<string, string>> = {
  draft: 'draft updated.', pending: 'submitted.', scheduled: 'scheduled.', published: 'published.', private: 'privately published.', updated: 'updated.',
};

export function registerEditorRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const { posts, taxonomy, users, revisions, settings } = deps.services;
  const resolveAuthor = (id: number) => users.findById(id);

  async function storedState(post: Post) {
    const terms = (await taxonomy.termsOfPosts([post.id])).get(post.id) ?? [];
    const { timezone } = await settings.get();
    return {
      type: post.type, post, values: valuesOfPost(post, terms.filter((t) => t.taxonomy === 'post_tag'), timezone),
      categoryIds: terms.filter((t) => t.taxonomy === 'category').map((t) => t.id),
    };
  }

  /** Checks what the posts service does not: the author chosen, the categories, the tags, the featured image. */
  async function formProblems(form: EditorForm, type: PostType, user: User): Promise<Record<string, string>> {
    const errors: Record<string, string> = {};
    const v = form.values;
    if (v.title.trim() === '') errors.title = 'A title is required.';
    if (v.featuredMedia !== '' && !/^[1-9]\d{0,8}$/.test(v.featuredMedia)) errors.featured_media = 'The featured image is the id (a number) of an image in the media library.';
    if (can(user.role, 'edit_others_posts') && v.author !== '' && !(/^\d{1,9}$/.test(v.author) && (await users.findById(Number(v.author))))) {
      errors.author = 'Choose an author from the list.';
    }
    if (type === 'post') {
      const known = new Set((await taxonomy.listWithCounts('category')).map((c) => c.id));
      if (form.categoryIds.some((id) => !known.has(id))) errors.categories = 'Choose categories from the list.';
      const tags = tagNamesOf(v.tags);
      if (tags.some((name) => name.length > 200)) errors.tags = 'A tag is at most 200 characters.';
      if (tags.length > MAX_TAGS) errors.tags = `A post has at most ${MAX_TAGS} tags.`;
    }
    return errors;
  }

  /** Files the post under its categories and tags; tags new to the site are made only now that the post is saved. */
  async function fileUnderTerms(post: Post, form: EditorForm): Promise<void> {
    const tags = await taxonomy.ensureTags(tagNamesOf(form.values.tags));
    await taxonomy.setPostTerms(post.id, [...form.categoryIds, ...tags.map((t) => t.id)]);
  }

  /** The form shown again without saving: with the preview, or with the category just added (no script). */
  async function reshow(request: FastifyRequest, reply: FastifyReply, user: User, form: EditorForm, state: EditorState) {
    if (form.action === 'preview') {
      const before = state.post;
      const author = before && before.authorId !== user.id ? await resolveAuthor(before.authorId) : user;
      return sendEditorPage(deps, request, reply, user, { ...state, previewHtml: renderMarkdown(form.values.content, htmlTrustOf((author ?? user).role)) });
    }
    try {
      const term = await addCategory(deps, user, form.newCategory);
      return sendEditorPage(deps, request, reply, user, {
        ...state, categoryIds: [...form.categoryIds, term.id], newCategory: undefined, notice: `Category “${term.name}” added.`,
      });
    } catch (error) {
      if (!isAppError(error) || !error.code.startsWith('TERM_')) throw error;
      return sendEditorPage(deps, request, reply, user, { ...state, errors: { new_category_name: error.message } }, 400);
    }
  }

  /** Creates or updates through the posts service (which checks the policy again and keeps a revision). */
  async function store(form: EditorForm, decision: SaveDecision, type: PostType, before: Post | undefined, user: User): Promise<Post> {
    const authorId = can(user.role, 'edit_others_posts') && form.values.author !== '' ? Number(form.values.author) : (before?.authorId ?? user.id);
    const changes = postChangesOf(form, decision);
    if (before) return posts.update(before.id, { ...changes, authorId }, user, resolveAuthor);
    const author = authorId === user.id || !canAssignAuthor(user, authorId) ? user : ((await resolveAuthor(authorId)) ?? user);
    const saved = await posts.create({ ...changes, type, title: form.values.title, source: form.values.content, status: decision.status }, author, user);
    await revisions.record(saved, user);
    await revisions.lock(saved, user);
    return saved;
  }

  async function save(request: FastifyRequest<{ Body: Fields }>, reply: FastifyReply, type: PostType, before: Post | undefined) {
    const user = await requireUser(request, deps.services);
    const body = request.body ?? {};
    deps.csrf.verify(request, body._csrf);
    const form = readEditorForm(body);
    const state: EditorState = { type, post: before, values: form.values, categoryIds: form.categoryIds, newCategory: form.newCategory };
    if (form.action === 'preview' || (form.action === 'add-category' && type === 'post')) return reshow(request, reply, user, form, state);
    const decision = decideSave(form, before, deps.clock.now(), (await settings.get()).timezone);
    const errors = { ...(await formProblems(form, type, user)), ...decision.errors };
    if (Object.keys(errors).length > 0) return sendEditorPage(deps, request, reply, user, { ...state, errors }, 400);
    let saved: Post;
    try {
      saved = await store(form, decision, type, before, user);
    } catch (error) {
      if (!isAppError(error) || (error.code !== 'POST_INVALID' && error.code !== 'POST_SLUG_TAKEN')) throw error;
      return sendEditorPage(deps, request, reply, user, { ...state, errors: formFieldErrors(error.details?.fields) }, 400);
    }
    if (type === 'post') await fileUnderTerms(saved, form);
    request.log.info({ userId: user.id, postId: saved.id, status: saved.status }, before ? 'post updated' : 'post created');
    const message = before && before.status === saved.status && saved.status !== 'draft' ? 'updated' : saved.status;
    return markAdminResponse(reply).redirect(`${EDITOR_PATHS.edit(saved.id)}?message=${message}`, 303);
  }

  for (const type of ['post', 'page'] as const) {
    const config = type === 'page' ? WRITE_PAGES : WRITE;
    app.get(EDITOR_PATHS.new(type), { config }, async (request, reply) => {
      const user = await requireUser(request, deps.services);
      return sendEditorPage(deps, request, reply, user, { type, values: blankValues(type, user.id), categoryIds: [] });
    });
    app.post<{ Body: Fields }>(EDITOR_PATHS.new(type), { config }, (request, reply) => save(request, reply, type, undefined));
  }

  app.get<{ Params: { id: string }; Querystring: Fields }>(EDIT_ROUTE, { config: WRITE }, async (request, reply) => {
    const user = await requireUser(request, deps.services);
    const post = refuseTrashed(await editablePost(deps, request.params.id, user));
    const holder = await revisions.lockHolder(post.id, user);
    if (holder) return sendEditLockNotice(deps, request, reply, user, post, holder.userId);
    await revisions.lock(post, user);
    const saved = SAVED[String(request.query.message)];
    const word = post.type === 'page' ? 'Page' : 'Post';
    // ?preview=1 (the lists' Preview of an unpublished item): the stored text as the site renders it, in the pane.
    const previewHtml = request.query.preview === '1' ? post.contentHtml : null;
    return sendEditorPage(deps, request, reply, user, { ...(await storedState(post)), notice: saved ? `${word} ${saved}` : null, previewHtml });
  });

  app.post<{ Params: { id: string }; Body: Fields }>(EDIT_ROUTE, { config: WRITE }, async (request, reply) => {
    const user = await requireUser(request, deps.services);
    const post = refuseTrashed(await editablePost(deps, request.params.id, user));
    return save(request, reply, post.type, post);
  });
}
