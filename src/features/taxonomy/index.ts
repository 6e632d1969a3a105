// Public surface of categories and tags.
export { createTaxonomyService } from './taxonomy.service.js';
export type { NewTermInput, TaxonomyService } from './taxonomy.service.js';
export { buildTermTree } from './taxonomy.js';
export type { Taxonomy, Term, TermNode, TermWithCount } from './taxonomy.js';
