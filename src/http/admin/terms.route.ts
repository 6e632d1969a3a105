// /admin/categories and /admin/tags (manage_categories): the table (search, sort, pages), the "Add New" form
// beside it, and bulk delete. A refused form comes back with its values and each error beside its field.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { TERM_SORTS, type TermListQuery, type TermSort } from '../../features/taxonomy/index.js';
import type { User } from '../../features/users/index.js';
import { AppError, isAppError } from '../../kernel/errors.js';
import { renderTermsScreen } from '../../../themes/default/index.js';
import { requireUser } from '../auth/current-user.js';
import type { HttpDeps } from '../deps.js';
import { markAdminResponse, sendAdminPage } from './page.js';
import {
  EMPTY_TERM_FORM, type TermFormValues, type TermScreen, listHref, parentIdOf, presentColumns, presentRows, readTermForm, termFields,
} from './terms.present.js';

type Fields = Readonly<Record<string, unknown>>;

export const MANAGE_TERMS = { access: { capability: 'manage_categories' } } as const;
const PER_PAGE = 20;
const MAX_SEARCH = 200;
export const TERM_ID = /^[1-9]\d{0,9}$/;
export const MAX_TERM_ID = 2_147_483_647;

/** A refusal about one field (details.field) as the form's errors and the response's status; else undefined. */
export function formErrorOf(error: unknown): { errors: Record<string, string>; status: number } | undefined {
  if (!isAppError(error) || typeof error.details?.field !== 'string') return undefined;
  return { errors: { [error.details.field]: error.message }, status: error.kind === 'conflict' ? 409 : 400 };
}

function badList(message: string): AppError {
  return new AppError({ code: 'QUERY_INVALID', kind: 'invalid', message });
}

const single = (value: unknown) => (value === undefined ? '' : typeof value === 'string' ? value : null);

/** ?s=, ?orderby=, ?order=, ?paged=: anything unreadable is a 400 that says which. */
function listQueryOf(query: Fields): Omit<TermListQuery, 'perPage'> {
  const [s, orderby, order, paged] = [single(query.s), single(query.orderby), single(query.order), single(query.paged)];
  if (s === null || orderby === null || order === null || paged === null) throw badList('A list parameter was given more than once.');
  if (s.length > MAX_SEARCH) throw badList(`A search is at most ${MAX_SEARCH} characters long.`);
  if (orderby !== '' && !(TERM_SORTS as readonly string[]).includes(orderby)) throw badList('The list can be sorted by name, description, slug or count.');
  if (order !== '' && order !== 'asc' && order !== 'desc') throw badList('The order is "asc" or "desc".');
  if (paged !== '' && !/^[1-9]\d{0,5}$/.test(paged)) throw badList('The page number must be a whole number from 1 to 999,999.');
  return {
    search: s.trim(), ...(orderby ? { orderBy: orderby as TermSort } : {}), ...(order ? { order } : {}), page: paged ? Number(paged) : 1,
  };
}

function noticeOf(screen: TermScreen, done: unknown, count: unknown): string | null {
  if (typeof done !== 'string' || !Object.hasOwn(screen.notices, done)) return null;
  const notice = screen.notices[done] ?? null;
  return done === 'bulk-deleted' && typeof count === 'string' && /^\d{1,6}$/.test(count) ? `${notice} (${count})` : notice;
}

export function registerTermListRoutes(app: FastifyInstance, deps: HttpDeps, screen: TermScreen): void {
  const { taxonomy } = deps.services;

  async function sendList(
    request: FastifyRequest, reply: FastifyReply, user: User,
    state: { query: Omit<TermListQuery, 'perPage'>; values: TermFormValues; errors: Readonly<Record<string, string>>; notice: string | null },
    status = 200,
  ) {
    const { query } = state;
    const [list, categories, paths, fallback] = await Promise.all([
      taxonomy.listPage(screen.taxonomy, { ...query, perPage: PER_PAGE }),
      taxonomy.listPage('category', { page: 1, perPage: Number.MAX_SAFE_INTEGER }),
      taxonomy.categoryPaths(),
      screen.taxonomy === 'category' ? taxonomy.defaultCategory() : undefined,
    ]);
    const main = renderTermsScreen({
      heading: screen.plural,
      notice: state.notice,
      csrfToken: deps.csrf.tokenFor(request, reply),
      search: { action: screen.base, value: query.search ?? '', label: `Search ${screen.plural}` },
      addForm: {
        heading: `Add New ${screen.singular}`, action: screen.base, submitLabel: `Add New ${screen.singular}`,
        fields: termFields(screen, state.values, state.errors, categories.items),
        errorSummary: Object.keys(state.errors).length > 0 ? `The ${screen.noun} was not added:` : null,
      },
      bulkAction: `${screen.base}/bulk`,
      columns: presentColumns(screen, query),
      rows: presentRows(screen, list, fallback?.id ?? null, paths),
      emptyMessage: `No ${screen.plural.toLowerCase()} found.`,
      totalText: `${list.total} ${list.total === 1 ? 'item' : 'items'}`,
      pagination: {
        page: list.page, pages: list.pages,
        previousHref: list.page > 1 ? listHref(screen, { ...query, page: list.page - 1 }) : null,
        nextHref: list.page < list.pages ? listHref(screen, { ...query, page: list.page + 1 }) : null,
      },
      noun: screen.noun,
    });
    return sendAdminPage(deps, request, reply, { pageTitle: screen.plural, user, section: screen.section }, main, status);
  }

  app.get<{ Querystring: Fields }>(screen.base, { config: MANAGE_TERMS }, async (request, reply) => {
    const user = await requireUser(request, deps.services);
    const query = listQueryOf(request.query);
    const notice = noticeOf(screen, request.query.done, request.query.n);
    return sendList(request, reply, user, { query, values: EMPTY_TERM_FORM, errors: {}, notice });
  });

  app.post<{ Body: Fields }>(screen.base, { config: MANAGE_TERMS }, async (request, reply) => {
    const user = await requireUser(request, deps.services);
    const body = request.body ?? {};
    deps.csrf.verify(request, body._csrf);
    const values = readTermForm(body);
    try {
      const term = await taxonomy.create(screen.taxonomy, {
        name: values.name, description: values.description, parentId: parentIdOf(values.parent), ...(values.slug ? { slug: values.slug } : {}),
      });
      request.log.info({ termId: term.id, taxonomy: screen.taxonomy, userId: user.id }, 'term added');
    } catch (error) {
      const refused = formErrorOf(error);
      if (!refused) throw error;
      return sendList(request, reply, user, { query: { page: 1 }, values, errors: refused.errors, notice: null }, refused.status);
    }
    return markAdminResponse(reply).redirect(`${screen.base}?done=added`, 303);
  });

  app.post<{ Body: Fields }>(`${screen.base}/bulk`, { config: MANAGE_TERMS }, async (request, reply) => {
    const user = await requireUser(request, deps.services);
    const body = request.body ?? {};
    deps.csrf.verify(request, body._csrf);
    const ids = [body.ids ?? []].flat();
    if (body.action !== 'delete' || ids.length === 0 || ids.length > 1000 || !ids.every((id) => typeof id === 'string' && TERM_ID.test(id) && Number(id) <= MAX_TERM_ID)) {
      throw new AppError({
        code: 'TERM_BULK_INVALID', kind: 'invalid',
        message: `Choose “Delete” among the bulk actions and tick at least one ${screen.noun} (at most 1,000).`,
      });
    }
    const fallback = screen.taxonomy === 'category' ? await taxonomy.defaultCategory() : undefined;
    let deleted = 0;
    for (const id of new Set(ids.map(Number))) {
      const term = await taxonomy.findById(id);
      // As WordPress: the default category and terms of the other kind (or gone already) are skipped, not an error.
      if (!term || term.taxonomy !== screen.taxonomy || term.id === fallback?.id) continue;
      await taxonomy.remove(id);
      deleted += 1;
    }
    request.log.info({ taxonomy: screen.taxonomy, deleted, userId: user.id }, 'terms deleted in bulk');
    return markAdminResponse(reply).redirect(`${screen.base}?done=bulk-deleted&n=${deleted}`, 303);
  });
}
