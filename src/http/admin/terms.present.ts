// The category and tag screens' words (WordPress's), addresses, and their forms as the theme's fields and rows.
import type { ListedTerm, Taxonomy, Term, TermListPage, TermListQuery, TermSort } from '../../features/taxonomy/index.js';
import type { FieldVM, OptionVM, TermColumnVM, TermRowVM } from '../../../themes/default/index.js';
import { ADMIN_PATHS, type AdminSection } from './present.js';

export interface TermScreen {
  readonly taxonomy: Taxonomy;
  readonly section: AdminSection;
  readonly base: string;
  readonly plural: string;
  readonly singular: string;
  readonly noun: string;
  readonly notices: Readonly<Record<string, string>>;
}

const notices = (one: string, many: string) => ({
  added: `${one} added.`, updated: `${one} updated.`, deleted: `${one} deleted.`, 'bulk-deleted': `${many} deleted.`,
  merged: `${many} merged.`,
});

export const TERM_SCREENS: readonly TermScreen[] = [
  { taxonomy: 'category', section: 'categories', base: ADMIN_PATHS.categories, plural: 'Categories', singular: 'Category', noun: 'category', notices: notices('Category', 'Categories') },
  { taxonomy: 'post_tag', section: 'tags', base: ADMIN_PATHS.tags, plural: 'Tags', singular: 'Tag', noun: 'tag', notices: notices('Tag', 'Tags') },
];

/** The form's values as typed, kept when the form comes back with errors. */
export interface TermFormValues {
  readonly name: string;
  readonly slug: string;
  readonly parent: string;
  readonly description: string;
}

export const EMPTY_TERM_FORM: TermFormValues = { name: '', slug: '', parent: '', description: '' };

const text = (value: unknown) => (typeof value === 'string' ? value : '');

export function readTermForm(body: Readonly<Record<string, unknown>>): TermFormValues {
  return { name: text(body.name), slug: text(body.slug).trim(), parent: text(body.parent), description: text(body.description) };
}

export function valuesOf(term: Term): TermFormValues {
  return { name: term.name, slug: term.slug, parent: term.parentId === null ? '' : String(term.parentId), description: term.description };
}

/**
 * The parent asked for: none for "None" (WordPress's -1, or empty); an id otherwise. Anything else is sent as 0,
 * which names no category, so the service refuses it with its own words.
 */
export function parentIdOf(raw: string): number | null {
  if (raw === '' || raw === '-1') return null;
  return /^[1-9]\d{0,9}$/.test(raw) && Number(raw) <= 2_147_483_647 ? Number(raw) : 0;
}

/** The parent's choices: None, then every category in tree order ("— " a level), less `exclude` (a term and its children). */
function parentOptions(categories: readonly ListedTerm[], exclude: ReadonlySet<number>): OptionVM[] {
  return [
    { value: '', label: 'None' },
    ...categories.filter((c) => !exclude.has(c.id)).map((c) => ({ value: String(c.id), label: `${'— '.repeat(c.depth)}${c.name}` })),
  ];
}

export function termFields(
  screen: TermScreen, values: TermFormValues, errors: Readonly<Record<string, string>>,
  categories: readonly ListedTerm[], exclude: ReadonlySet<number> = new Set(),
): FieldVM[] {
  const error = (name: string) => errors[name];
  const fields: FieldVM[] = [
    { control: 'text', name: 'name', label: 'Name', value: values.name, required: true, hint: 'The name is how it appears on your site.', error: error('name') },
    {
      control: 'text', name: 'slug', label: 'Slug', value: values.slug, error: error('slug'),
      hint: 'The “slug” is the URL-friendly version of the name. It is usually all lowercase and contains only letters, numbers, and hyphens.',
    },
  ];
  if (screen.taxonomy === 'category') {
    fields.push({
      control: 'select', name: 'parent', label: 'Parent Category', value: values.parent, options: parentOptions(categories, exclude), error: error('parent'),
      hint: 'Categories, unlike tags, can have a hierarchy. You might have a Jazz category, and under that have children categories for Bebop and Big Band. Totally optional.',
    });
  }
  fields.push({
    control: 'textarea', name: 'description', label: 'Description', value: values.description, rows: 5, error: error('description'),
    hint: 'The description is not prominent by default; however, some themes may show it.',
  });
  return fields;
}

export function mergeFields(screen: TermScreen, term: Term, others: readonly ListedTerm[], error: string | undefined): FieldVM[] {
  return [{
    control: 'select', name: 'into', label: `Merge into ${screen.noun}`, value: '', error,
    hint: `Every post of “${term.name}” is filed under the ${screen.noun} chosen, “${term.name}” is deleted, and its address leads to the other ${screen.noun}.`,
    options: [{ value: '', label: `Choose a ${screen.noun}` }, ...others.filter((t) => t.id !== term.id).map((t) => ({ value: String(t.id), label: `${'— '.repeat(t.depth)}${t.name}` }))],
  }];
}

/** The list's own address with its search, sort and page. */
export function listHref(screen: TermScreen, query: Omit<TermListQuery, 'perPage'>): string {
  const params = new URLSearchParams();
  if (query.search) params.set('s', query.search);
  if (query.orderBy) params.set('orderby', query.orderBy);
  if (query.orderBy && query.order) params.set('order', query.order);
  if (query.page > 1) params.set('paged', String(query.page));
  const qs = params.toString();
  return qs ? `${screen.base}?${qs}` : screen.base;
}

const COLUMNS: readonly (readonly [TermSort, string])[] = [['name', 'Name'], ['description', 'Description'], ['slug', 'Slug'], ['count', 'Count']];

export function presentColumns(screen: TermScreen, query: Omit<TermListQuery, 'perPage'>): TermColumnVM[] {
  return COLUMNS.map(([key, label]) => {
    const current = query.orderBy === key;
    const order = current && query.order !== 'desc' ? 'desc' : 'asc';
    return {
      label,
      href: listHref(screen, { search: query.search, orderBy: key, order, page: 1 }),
      sorted: current ? (query.order === 'desc' ? 'descending' : 'ascending') : null,
    };
  });
}

export function archiveHref(screen: TermScreen, term: Term, categoryPaths: ReadonlyMap<number, string>): string {
  if (screen.taxonomy === 'post_tag') return `/tag/${encodeURIComponent(term.slug)}/`;
  const path = categoryPaths.get(term.id) ?? term.slug;
  return `/category/${path.split('/').map(encodeURIComponent).join('/')}/`;
}

export function presentRows(screen: TermScreen, list: TermListPage, defaultId: number | null, categoryPaths: ReadonlyMap<number, string>): TermRowVM[] {
  return list.items.map((t) => ({
    id: t.id, name: t.name, depth: t.depth, description: t.description, slug: t.slug, count: t.count,
    editHref: `${screen.base}/${t.id}/edit`,
    viewHref: archiveHref(screen, t, categoryPaths),
    deleteAction: t.id === defaultId ? null : `${screen.base}/${t.id}/delete`,
  }));
}
