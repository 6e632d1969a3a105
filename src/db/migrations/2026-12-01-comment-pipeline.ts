// "Leave a Reply": spam scores on comments, e-mail subscriptions (double opt-in) and commenter bans with their history.
import type { Kysely, Migration } from 'kysely';
import type { SqlDialect } from '../dialect.js';

const text = 'text';

export function commentPipelineSchema(dialect: SqlDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('comments').addColumn('spam_score', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      // Flood, duplicate and "previously approved" checks look a commenter up by address and by hashed IP.
      await db.schema.createIndex('comments_email_idx').on('comments').columns(['author_email', 'created_at']).execute();
      await db.schema.createIndex('comments_ip_idx').on('comments').columns(['ip_hash', 'created_at']).execute();
      // The spam score counts recent comments pushing the same website; moderation counts and lists by status.
      await db.schema.createIndex('comments_url_idx').on('comments').columns(['author_url', 'created_at']).execute();
      await db.schema.createIndex('comments_status_idx').on('comments').columns(['status', 'created_at']).execute();

      await dialect
        .addIdColumn(db.schema.createTable('subscriptions'))
        .addColumn('email', text, (c) => c.notNull())
        // 'comments' (every new comment on post_id), 'replies' (replies to this address's comments on post_id), 'posts' (new posts).
        .addColumn('kind', text, (c) => c.notNull())
        // 0 for site-wide subscriptions ('posts'): a real value keeps the unique index below effective on both engines.
        .addColumn('post_id', 'integer', (c) => c.notNull())
        .addColumn('status', text, (c) => c.notNull())
        .addColumn('created_at', text, (c) => c.notNull())
        .addColumn('confirmed_at', text)
        .execute();
      await db.schema.createIndex('subscriptions_unique_idx').on('subscriptions').columns(['email', 'kind', 'post_id']).unique().execute();
      await db.schema.createIndex('subscriptions_post_idx').on('subscriptions').columns(['post_id', 'status']).execute();

      await dialect
        .addIdColumn(db.schema.createTable('comment_bans'))
        // 'email', 'ip' (an address or CIDR range, matched when a comment arrives), 'ip_hash' (from a stored comment), 'user'.
        .addColumn('kind', text, (c) => c.notNull())
        .addColumn('value', text, (c) => c.notNull())
        .addColumn('reason', text, (c) => c.notNull())
        .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', text, (c) => c.notNull())
        // NULL: for ever.
        .addColumn('expires_at', text)
        .addColumn('lifted_at', text)
        .addColumn('lifted_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .execute();
      await db.schema.createIndex('comment_bans_value_idx').on('comment_bans').columns(['kind', 'value']).execute();
    },
  };
}
