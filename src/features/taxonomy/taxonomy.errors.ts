// The taxonomy feature's refusals. Each names the form field it is about (details.field), so a screen can show the
// message beside it.
import { AppError, type ErrorKind } from '../../kernel/errors.js';

type Field = 'name' | 'slug' | 'description' | 'parent' | 'into';

const refusal = (init: { code: string; kind: ErrorKind; field?: Field; message: string }) =>
  new AppError({ code: init.code, kind: init.kind, message: init.message, ...(init.field ? { details: { field: init.field } } : {}) });

export const taxonomyErrors = {
  nameInvalid: () => refusal({ code: 'TERM_NAME_INVALID', kind: 'invalid', field: 'name', message: 'A name is 1–200 characters.' }),
  slugInvalid: () => refusal({ code: 'TERM_SLUG_INVALID', kind: 'invalid', field: 'slug', message: 'A slug is lowercase letters, digits and single hyphens.' }),
  slugTaken: (slug: string) => refusal({ code: 'TERM_SLUG_TAKEN', kind: 'conflict', field: 'slug', message: `The slug "${slug}" is already used.` }),
  descriptionTooLong: () =>
    refusal({ code: 'TERM_DESCRIPTION_INVALID', kind: 'invalid', field: 'description', message: 'A description is at most 5,000 characters.' }),
  parentNotFound: () => refusal({ code: 'TERM_PARENT_INVALID', kind: 'invalid', field: 'parent', message: 'The parent category does not exist.' }),
  parentCycle: () => refusal({
    code: 'TERM_PARENT_INVALID', kind: 'invalid', field: 'parent', message: 'A category cannot be its own parent, nor the parent of one of its parents.',
  }),
  notFound: () => refusal({ code: 'TERM_NOT_FOUND', kind: 'not_found', message: 'There is no such category or tag. It may have been deleted already.' }),
  defaultCategory: () => refusal({
    code: 'TERM_DEFAULT_CATEGORY', kind: 'conflict', message: 'The default category cannot be deleted or merged: its posts would have no category.',
  }),
  mergeInvalid: () => refusal({ code: 'TERM_MERGE_INVALID', kind: 'invalid', field: 'into', message: 'Choose another term of the same kind to merge into.' }),
  mergeIntoChild: () => refusal({
    code: 'TERM_MERGE_INVALID', kind: 'invalid', field: 'into', message: 'A category cannot be merged into one of its own subcategories.',
  }),
};
