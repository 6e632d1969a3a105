// Renders the editor screen: the typed (or stored) values, the category tree, the authors, the Publish box and the
// addresses its script talks to.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Post, type PostType, canEditPost, canPublishPost, postForbidden, postNotFound } from '../../features/posts/index.js';
import { buildTermTree, type TermNode, type Term } from '../../features/taxonomy/index.js';
import { type User, can } from '../../features/users/index.js';
import { AppError } from '../../kernel/errors.js';
import { localDateTimeOf } from '../../kernel/time.js';
import { renderEditor, type CategoryChoiceVM, type EditorValuesVM, type EditorVM } from '../../../themes/default/index.js';
import type { HttpDeps } from '../deps.js';
import { editorButtons, statusLabel } from './editor.present.js';
import { sendAdminPage } from './page.js';
import { ADMIN_PATHS } from './present.js';

/** The editor's own addresses: WordPress's post-new.php and post.php?action=edit. */
export const EDITOR_PATHS = {
  new: (type: PostType) => (type === 'page' ? ADMIN_PATHS.newPage : ADMIN_PATHS.newPost),
  edit: (id: number) => `${ADMIN_PATHS.posts}/${id}/edit`,
  autosave: (id: number | undefined, type: PostType) => (id === undefined ? `${EDITOR_PATHS.new(type)}/autosave` : `${ADMIN_PATHS.posts}/${id}/autosave`),
  lock: (id: number) => `${ADMIN_PATHS.posts}/${id}/lock`,
  revisions: (id: number) => `${ADMIN_PATHS.posts}/${id}/revisions`,
  preview: '/admin/preview',
  tagSuggest: '/admin/tags/suggest',
  addCategory: '/admin/posts/add-category',
} as const;

/** An id from the address: digits only, or no such post. */
export function parseId(raw: string): number {
  const id = /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id) || id < 1) throw postNotFound(0);
  return id;
}

/** The post `user` may edit, or the refusal (404 / 403). */
/** WordPress's rule: a trashed item is restored from the list before it is edited again. */
export function refuseTrashed(post: Post): Post {
  if (post.status !== 'trash') return post;
  throw new AppError({
    code: 'POST_IN_TRASH', kind: 'conflict',
    message: 'You cannot edit this item because it is in the Trash. Please restore it and try again.',
  });
}

export async function editablePost(deps: HttpDeps, rawId: string, user: User): Promise<Post> {
  const id = parseId(rawId);
  const post = await deps.services.posts.findById(id);
  if (!post) throw postNotFound(id);
  if (!canEditPost(user, post)) throw postForbidden('You are not allowed to edit this item.');
  return post;
}

const ROLES_WHO_WRITE = ['administrator', 'editor', 'author', 'contributor'] as const;

export interface EditorState {
  readonly type: PostType;
  readonly post?: Post;
  readonly values: EditorValuesVM;
  readonly categoryIds: readonly number[];
  readonly errors?: Readonly<Record<string, string>>;
  readonly notice?: string | null;
  readonly previewHtml?: string | null;
  readonly newCategory?: { readonly name: string; readonly parent: string };
}

/** The category checklist, with `checked` ticked. */
export function categoryChoices(nodes: readonly TermNode<Term>[], checked: ReadonlySet<number>): CategoryChoiceVM[] {
  return nodes.map((n) => ({ id: n.term.id, name: n.term.name, checked: checked.has(n.term.id), children: categoryChoices(n.children, checked) }));
}

/** Category names indented by depth, for selects (the new category's parent, the lists' filter and bulk action). */
export function categoryOptions(nodes: readonly TermNode<Term>[], depth = 0): { value: string; label: string }[] {
  return nodes.flatMap((n) => [{ value: String(n.term.id), label: `${'— '.repeat(depth)}${n.term.name}` }, ...categoryOptions(n.children, depth + 1)]);
}

/** Everyone who may write, by name: the author select of the editor and the list filter. */
export async function writerOptions(deps: HttpDeps): Promise<{ value: string; label: string }[]> {
  const lists = await Promise.all(ROLES_WHO_WRITE.map((role) => deps.services.users.listByRole(role)));
  return lists.flat().sort((a, b) => a.displayName.localeCompare(b.displayName)).map((u) => ({ value: String(u.id), label: u.displayName }));
}

function linksOf(post: Post | undefined): { href: string; label: string }[] {
  if (!post) return [];
  const word = post.type === 'page' ? 'page' : 'post';
  const view = post.status === 'published' ? { href: `/?p=${post.id}`, label: `View ${word}` } : { href: `${EDITOR_PATHS.edit(post.id)}?preview=1#editor-preview`, label: `Preview ${word}` };
  return [view, { href: EDITOR_PATHS.revisions(post.id), label: 'Revisions' }];
}

/** The category checklist and "+ Add New Category" (posts only; adding needs manage_categories). */
async function categoryBoxes(deps: HttpDeps, user: User, state: EditorState): Promise<Pick<EditorVM, 'categories' | 'addCategory'>> {
  if (state.type !== 'post') return { categories: null, addCategory: null };
  const tree = buildTermTree(await deps.services.taxonomy.listWithCounts('category'));
  return {
    categories: categoryChoices(tree, new Set(state.categoryIds)),
    addCategory: can(user.role, 'manage_categories')
      ? { parents: [{ value: '', label: '— Parent Category —' }, ...categoryOptions(tree)], action: EDITOR_PATHS.addCategory, ...(state.newCategory ?? { name: '', parent: '' }) }
      : null,
  };
}

function endpointsOf(post: Post | undefined, type: PostType): EditorVM['endpoints'] {
  return {
    preview: EDITOR_PATHS.preview,
    autosave: EDITOR_PATHS.autosave(post?.id, type),
    lock: post ? EDITOR_PATHS.lock(post.id) : '',
    tagSuggest: type === 'post' ? EDITOR_PATHS.tagSuggest : '',
  };
}

export async function sendEditorPage(
  deps: HttpDeps, request: FastifyRequest, reply: FastifyReply, user: User, state: EditorState, status = 200,
): Promise<FastifyReply> {
  const { type, post, values } = state;
  const settings = await deps.services.settings.get();
  const canPublish = canPublishPost(user, type);
  const autosave = post ? await deps.services.revisions.newerAutosave(post, user) : undefined;
  const errors = state.errors ?? {};
  const word = type === 'page' ? 'Page' : 'Post';
  const heading = post ? `Edit ${word}` : `Add New ${word}`;
  const main = renderEditor({
    heading,
    typeLabel: word.toLowerCase(),
    formAction: post ? EDITOR_PATHS.edit(post.id) : EDITOR_PATHS.new(type),
    csrfToken: deps.csrf.tokenFor(request, reply),
    notice: state.notice ?? null,
    errorSummary: Object.keys(errors).length > 0 ? `The ${word.toLowerCase()} was not saved. Please correct the following:` : null,
    errors,
    values,
    statusLabel: statusLabel(post?.status),
    timeZone: settings.timezone,
    ...(await categoryBoxes(deps, user, state)),
    authors: can(user.role, 'edit_others_posts') ? await writerOptions(deps) : null,
    canPublish,
    buttons: editorButtons(post?.status, canPublish, values.publishedAt, deps.clock.now(), settings.timezone),
    previewHtml: state.previewHtml ?? null,
    autosaveNotice: post && autosave ? { href: `${EDITOR_PATHS.revisions(post.id)}?revision=${autosave.id}` } : null,
    links: linksOf(post),
    endpoints: endpointsOf(post, type),
    postId: post ? String(post.id) : '',
    siteNow: localDateTimeOf(deps.clock.now(), settings.timezone).slice(0, 16),
  });
  const section = type === 'page' ? 'pages' : post ? 'posts' : 'new-post';
  return sendAdminPage(deps, request, reply, { pageTitle: heading, user, section, scripts: ['editor.js', 'media-picker.js'] }, main, status);
}
