// The writers' admin and the web's interfaces (issues #6, #7): media, revisions and edit locks, application
// passwords for the REST API, and what a WordPress import remembers so old addresses keep working.
import type { Kysely, Migration } from 'kysely';
import type { SqlDialect } from '../dialect.js';

const text = 'text';

export function publishingInterfacesSchema(dialect: SqlDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      // A WordPress GUID kept from an import (re-imports recognise the post by it); null for posts written here.
      await db.schema.alterTable('posts').addColumn('guid', text).execute();
      await db.schema.alterTable('posts').addColumn('featured_media_id', 'integer').execute();
      await db.schema.createIndex('posts_guid_idx').on('posts').column('guid').execute();
      // WordPress's user_url, shown by the REST API's users endpoint; and the profile picture, a media item.
      await db.schema.alterTable('users').addColumn('url', text, (c) => c.notNull().defaultTo('')).execute();
      await db.schema.alterTable('users').addColumn('avatar_media_id', 'integer').execute();

      await dialect
        .addIdColumn(db.schema.createTable('media'))
        .addColumn('author_id', 'integer', (c) => c.notNull().references('users.id'))
        // The post it was uploaded to (WordPress's post_parent of an attachment); null: unattached.
        .addColumn('post_id', 'integer', (c) => c.references('posts.id').onDelete('set null'))
        // Relative to <data dir>/uploads; null for imported items whose file stays where it was (source_url).
        .addColumn('file_path', text)
        .addColumn('source_url', text, (c) => c.notNull().defaultTo(''))
        .addColumn('original_name', text, (c) => c.notNull())
        .addColumn('mime_type', text, (c) => c.notNull())
        .addColumn('size_bytes', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('width', 'integer')
        .addColumn('height', 'integer')
        .addColumn('title', text, (c) => c.notNull().defaultTo(''))
        .addColumn('alt_text', text, (c) => c.notNull().defaultTo(''))
        .addColumn('caption', text, (c) => c.notNull().defaultTo(''))
        .addColumn('description', text, (c) => c.notNull().defaultTo(''))
        // JSON array of resized variants: [{ name, width, height, filePath, mimeType, sizeBytes }].
        .addColumn('variants', text, (c) => c.notNull().defaultTo('[]'))
        .addColumn('guid', text)
        .addColumn('created_at', text, (c) => c.notNull())
        .addColumn('updated_at', text, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('media_created_idx').on('media').columns(['created_at', 'id']).execute();

      await dialect
        .addIdColumn(db.schema.createTable('post_revisions'))
        .addColumn('post_id', 'integer', (c) => c.notNull().references('posts.id').onDelete('cascade'))
        .addColumn('author_id', 'integer', (c) => c.notNull().references('users.id'))
        // 'revision': a saved state (kept); 'autosave': the one unsaved draft per post and author (overwritten).
        .addColumn('kind', text, (c) => c.notNull())
        .addColumn('title', text, (c) => c.notNull())
        .addColumn('source', text, (c) => c.notNull())
        .addColumn('excerpt', text, (c) => c.notNull())
        .addColumn('created_at', text, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('post_revisions_post_idx').on('post_revisions').columns(['post_id', 'id']).execute();

      // "X is currently editing": who holds a post's editor, until when (renewed while their editor is open).
      await db.schema
        .createTable('post_locks')
        .addColumn('post_id', 'integer', (c) => c.primaryKey().references('posts.id').onDelete('cascade'))
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('expires_at', text, (c) => c.notNull())
        .execute();

      // Application passwords (WordPress 5.6+): HTTP Basic credentials for the REST API, one per client.
      await dialect
        .addIdColumn(db.schema.createTable('application_passwords'))
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('uuid', text, (c) => c.notNull().unique())
        .addColumn('name', text, (c) => c.notNull())
        // sha256 of the password: it is 144 random bits, so a slow hash would only slow every API request.
        .addColumn('password_hash', text, (c) => c.notNull().unique())
        .addColumn('created_at', text, (c) => c.notNull())
        .addColumn('last_used_at', text)
        .addColumn('last_ip_hash', text)
        .execute();
      await db.schema.createIndex('application_passwords_user_idx').on('application_passwords').column('user_id').execute();

      // What an import remembers of WordPress: its id of each item when Quire had to give another one, so
      // /?p=OLD, REST ids and comment anchors can be followed; kind is 'post' (posts, pages), 'comment', 'term',
      // 'media' or 'user'. Rows whose ids were kept have old_id = new_id: a re-import finds them all here.
      await db.schema
        .createTable('legacy_ids')
        .addColumn('kind', text, (c) => c.notNull())
        .addColumn('old_id', 'integer', (c) => c.notNull())
        .addColumn('new_id', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('legacy_ids_pkey', ['kind', 'old_id'])
        .execute();
      // Old permalinks (path only, e.g. /2019/04/hello-world/) that answer 301 to the imported post.
      await db.schema
        .createTable('legacy_paths')
        .addColumn('path', text, (c) => c.primaryKey())
        .addColumn('post_id', 'integer', (c) => c.notNull().references('posts.id').onDelete('cascade'))
        .execute();
    },
  };
}
