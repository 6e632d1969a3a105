// Public surface of categories and tags.
export { createTaxonomyService } from './taxonomy.service.js';
export type { NewTermInput, TaxonomyService } from './taxonomy.service.js';
export type { TermChanges, TermEditing } from './term-editing.service.js';
export { TERM_SORTS } from './term-list.js';
export type { ListedTerm, TermListPage, TermListQuery, TermSort } from './term-list.js';
export { buildTermTree } from './taxonomy.js';
export type { Taxonomy, Term, TermNode, TermWithCount } from './taxonomy.js';
