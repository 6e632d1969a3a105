// Merged categories and tags (issue #7): the archive address of a term merged into another answers 301 to it.
import type { Kysely, Migration } from 'kysely';

const text = 'text';

export function termRedirectsSchema(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('term_redirects')
        .addColumn('taxonomy', text, (c) => c.notNull())
        // The merged term's slug: /category/…/SLUG/ and /tag/SLUG/ end with it.
        .addColumn('slug', text, (c) => c.notNull())
        // The term it was merged into; deleting that term drops the redirect (the address then answers 404).
        .addColumn('term_id', 'integer', (c) => c.notNull().references('terms.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('term_redirects_pkey', ['taxonomy', 'slug'])
        .execute();
      await db.schema.createIndex('term_redirects_term_idx').on('term_redirects').column('term_id').execute();
    },
  };
}
