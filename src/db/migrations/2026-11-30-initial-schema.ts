// The first schema: people, content, taxonomy, comments, settings, sessions and one-time tokens.
import type { Kysely, Migration } from 'kysely';
import type { SqlDialect } from '../dialect.js';

const text = 'text';

export function initialSchema(dialect: SqlDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await dialect
        .addIdColumn(db.schema.createTable('users'))
        .addColumn('login', text, (c) => c.notNull().unique())
        .addColumn('email', text, (c) => c.notNull().unique())
        .addColumn('display_name', text, (c) => c.notNull())
        .addColumn('role', text, (c) => c.notNull())
        .addColumn('password_hash', text)
        .addColumn('bio', text, (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', text, (c) => c.notNull())
        .execute();

      await dialect
        .addIdColumn(db.schema.createTable('identities'))
        .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('provider', text, (c) => c.notNull())
        .addColumn('subject', text, (c) => c.notNull())
        .addColumn('email', text)
        .addColumn('display_name', text, (c) => c.notNull())
        .addColumn('avatar_url', text)
        .addColumn('created_at', text, (c) => c.notNull())
        .addUniqueConstraint('identities_provider_subject_key', ['provider', 'subject'])
        .execute();

      await dialect
        .addIdColumn(db.schema.createTable('posts'))
        .addColumn('type', text, (c) => c.notNull())
        .addColumn('title', text, (c) => c.notNull())
        .addColumn('slug', text, (c) => c.notNull())
        .addColumn('format', text, (c) => c.notNull())
        .addColumn('source', text, (c) => c.notNull())
        .addColumn('content_html', text, (c) => c.notNull())
        .addColumn('excerpt', text, (c) => c.notNull().defaultTo(''))
        .addColumn('search_text', text, (c) => c.notNull().defaultTo(''))
        .addColumn('status', text, (c) => c.notNull())
        .addColumn('published_at', text)
        .addColumn('published_local', text)
        .addColumn('author_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('parent_id', 'integer', (c) => c.references('posts.id').onDelete('set null'))
        .addColumn('menu_order', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('comment_status', text, (c) => c.notNull())
        .addColumn('comment_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', text, (c) => c.notNull())
        .addColumn('updated_at', text, (c) => c.notNull())
        .addUniqueConstraint('posts_type_slug_key', ['type', 'slug'])
        .execute();
      await db.schema.createIndex('posts_listing_idx').on('posts').columns(['type', 'status', 'published_at']).execute();
      await db.schema.createIndex('posts_local_date_idx').on('posts').columns(['type', 'status', 'published_local']).execute();
      await db.schema.createIndex('posts_author_idx').on('posts').columns(['author_id', 'status', 'published_at']).execute();
      await dialect.createSearchIndex(db);

      await dialect
        .addIdColumn(db.schema.createTable('terms'))
        .addColumn('taxonomy', text, (c) => c.notNull())
        .addColumn('name', text, (c) => c.notNull())
        .addColumn('slug', text, (c) => c.notNull())
        .addColumn('description', text, (c) => c.notNull().defaultTo(''))
        .addColumn('parent_id', 'integer', (c) => c.references('terms.id').onDelete('set null'))
        .addUniqueConstraint('terms_taxonomy_slug_key', ['taxonomy', 'slug'])
        .execute();

      await db.schema
        .createTable('post_terms')
        .addColumn('post_id', 'integer', (c) => c.notNull().references('posts.id').onDelete('cascade'))
        .addColumn('term_id', 'integer', (c) => c.notNull().references('terms.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('post_terms_pkey', ['post_id', 'term_id'])
        .execute();
      await db.schema.createIndex('post_terms_term_idx').on('post_terms').columns(['term_id', 'post_id']).execute();

      await dialect
        .addIdColumn(db.schema.createTable('comments'))
        .addColumn('post_id', 'integer', (c) => c.notNull().references('posts.id').onDelete('cascade'))
        .addColumn('parent_id', 'integer', (c) => c.references('comments.id').onDelete('set null'))
        .addColumn('status', text, (c) => c.notNull())
        .addColumn('author_name', text, (c) => c.notNull())
        .addColumn('author_email', text, (c) => c.notNull())
        .addColumn('author_url', text, (c) => c.notNull().defaultTo(''))
        .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('identity_id', 'integer', (c) => c.references('identities.id').onDelete('set null'))
        .addColumn('ip_hash', text)
        .addColumn('user_agent', text, (c) => c.notNull().defaultTo(''))
        .addColumn('source', text, (c) => c.notNull())
        .addColumn('content_html', text, (c) => c.notNull())
        .addColumn('created_at', text, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('comments_post_idx').on('comments').columns(['post_id', 'status', 'created_at']).execute();

      await db.schema
        .createTable('settings')
        .addColumn('key', text, (c) => c.primaryKey())
        .addColumn('value', text, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('sessions')
        .addColumn('id_hash', text, (c) => c.primaryKey())
        .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('cascade'))
        .addColumn('data', text, (c) => c.notNull())
        .addColumn('created_at', text, (c) => c.notNull())
        .addColumn('last_seen_at', text, (c) => c.notNull())
        .addColumn('expires_at', text, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_expires_idx').on('sessions').column('expires_at').execute();

      await db.schema
        .createTable('one_time_tokens')
        .addColumn('token_hash', text, (c) => c.primaryKey())
        .addColumn('purpose', text, (c) => c.notNull())
        .addColumn('subject', text, (c) => c.notNull())
        .addColumn('created_at', text, (c) => c.notNull())
        .addColumn('expires_at', text, (c) => c.notNull())
        .addColumn('used_at', text)
        .execute();
    },
  };
}
