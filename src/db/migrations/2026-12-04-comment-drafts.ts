// Comment drafts (issue #5): the text a reader was typing, kept for an hour while they sign in in a full page
// (their browser blocked the sign-in popup), and put back into the form when they return.
import type { Kysely, Migration } from 'kysely';

const text = 'text';

export function commentDraftsSchema(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('comment_drafts')
        // sha256 of the random id in the browser's quire_draft cookie: a database read reveals no usable cookie.
        .addColumn('id_hash', text, (c) => c.primaryKey())
        // A draft of a post that is deleted has nowhere to go back to.
        .addColumn('post_id', 'integer', (c) => c.notNull().references('posts.id').onDelete('cascade'))
        // The comment answered; checked again when the draft is restored (it may have been removed meanwhile).
        .addColumn('parent_id', 'integer')
        .addColumn('text', text, (c) => c.notNull())
        .addColumn('created_at', text, (c) => c.notNull())
        .addColumn('expires_at', text, (c) => c.notNull())
        .execute();
      // Expired drafts are swept by one indexed DELETE.
      await db.schema.createIndex('comment_drafts_expires_idx').on('comment_drafts').column('expires_at').execute();
    },
  };
}
