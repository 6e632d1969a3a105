// /admin/posts/:id/revisions: Compare Revisions (any two, words added and removed) and Restore This Revision.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { diffLines, diffWords } from 'diff';
import type { Post, Revision } from '../../features/posts/index.js';
import type { User } from '../../features/users/index.js';
import { type DiffPartVM, renderRevisions } from '../../../themes/default/index.js';
import { requireUser } from '../auth/current-user.js';
import type { HttpDeps } from '../deps.js';
import { EDITOR_PATHS, editablePost } from './editor.page.js';
import { textOf } from './editor.present.js';
import { markAdminResponse, sendAdminPage } from './page.js';
import { formatWhen } from './present.js';

type Fields = Readonly<Record<string, unknown>>;

const WRITE = { access: { capability: 'edit_posts' } } as const;
/** A diff that takes longer is shown as "all removed, all added" rather than holding the request. */
const DIFF_TIMEOUT_MS = 500;

type Text = Pick<Revision, 'title' | 'source' | 'excerpt'>;
const EMPTY: Text = { title: '', source: '', excerpt: '' };

export function diffParts(before: string, after: string, by: 'words' | 'lines'): DiffPartVM[] {
  const changes = by === 'words' ? diffWords(before, after, { timeout: DIFF_TIMEOUT_MS }) : diffLines(before, after, { timeout: DIFF_TIMEOUT_MS });
  const list = changes ?? [{ value: before, added: false, removed: true }, { value: after, added: true, removed: false }];
  return list.filter((c) => c.value !== '').map((c) => ({ kind: c.added ? 'added' : c.removed ? 'removed' : 'same', text: c.value }));
}

function sameText(a: Text, b: Text): boolean {
  return a.title === b.title && a.source === b.source && a.excerpt === b.excerpt;
}

export function registerRevisionRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const { revisions, users, settings } = deps.services;
  const path = (post: Post) => EDITOR_PATHS.revisions(post.id);

  /** The revision an address names (an id of this post), or undefined when it names none. */
  async function pick(post: Post, raw: string, user: User): Promise<Revision | undefined> {
    return /^\d{1,9}$/.test(raw) ? revisions.find(post, Number(raw), user) : undefined;
  }

  async function page(request: FastifyRequest<{ Params: { id: string }; Querystring: Fields }>, reply: FastifyReply) {
    const user = await requireUser(request, deps.services);
    const post = await editablePost(deps, request.params.id, user);
    const list = await revisions.list(post, user);
    const to = (await pick(post, textOf(request.query.to) || textOf(request.query.revision), user)) ?? list[0];
    const older = to ? list.slice(list.findIndex((r) => r.id === to.id) + 1) : [];
    const from = (await pick(post, textOf(request.query.from), user)) ?? older.find((r) => r.kind === 'revision');
    const site = await settings.get();
    const names = new Map((await users.listByIds([...new Set(list.map((r) => r.authorId))])).map((u) => [u.id, u.displayName]));
    const label = (r: Revision) => `${r.kind === 'autosave' ? 'Autosave' : 'Revision'} by ${names.get(r.authorId) ?? 'someone'}`;
    const when = (r: Revision) => formatWhen(r.createdAt, site.language, site.timezone);
    const a: Text = from ?? EMPTY;
    const b: Text = to ?? post;
    const main = renderRevisions({
      heading: `Compare Revisions of “${post.title}”`,
      backHref: EDITOR_PATHS.edit(post.id),
      notice: request.query.restored === '1' ? 'Revision restored.' : null,
      revisions: list.map((r) => ({ href: `${path(post)}?revision=${r.id}`, label: label(r), dateIso: r.createdAt, dateText: when(r), current: r.id === to?.id })),
      compare: {
        action: path(post), from: from ? String(from.id) : '', to: to ? String(to.id) : '',
        options: [{ value: '', label: '(nothing)' }, ...list.map((r) => ({ value: String(r.id), label: `${label(r)}, ${when(r)}` }))],
      },
      comparing: `${from ? `${label(from)}, ${when(from)}` : 'The start'} → ${to ? `${label(to)}, ${when(to)}` : 'the current text'}`,
      fields: [
        { label: 'Title', parts: diffParts(a.title, b.title, 'words'), changed: a.title !== b.title },
        { label: 'Content', parts: diffParts(a.source, b.source, 'lines'), changed: a.source !== b.source },
        { label: 'Excerpt', parts: diffParts(a.excerpt, b.excerpt, 'words'), changed: a.excerpt !== b.excerpt },
      ],
      restore: to && !sameText(to, post)
        ? { action: `${path(post)}/${to.id}/restore`, label: to.kind === 'autosave' ? 'Restore This Autosave' : 'Restore This Revision', csrfToken: deps.csrf.tokenFor(request, reply) }
        : null,
    });
    return sendAdminPage(deps, request, reply, { pageTitle: 'Revisions', user, section: post.type === 'page' ? 'pages' : 'posts' }, main);
  }

  app.get('/admin/posts/:id/revisions', { config: WRITE }, page);

  app.post<{ Params: { id: string; revision: string }; Body: Fields }>('/admin/posts/:id/revisions/:revision/restore', { config: WRITE }, async (request, reply) => {
    const user = await requireUser(request, deps.services);
    const post = await editablePost(deps, request.params.id, user);
    deps.csrf.verify(request, (request.body ?? {})._csrf);
    const revision = await pick(post, request.params.revision, user);
    if (!revision) return reply.callNotFound();
    await revisions.restore(post, revision.id, user, (id) => users.findById(id));
    request.log.info({ userId: user.id, postId: post.id, revisionId: revision.id }, 'revision restored');
    return markAdminResponse(reply).redirect(`${path(post)}?restored=1`, 303);
  });
}
