// Site accounts (issue #5): when an account's e-mail address was confirmed, and the passkeys (WebAuthn) of accounts.
import type { Kysely, Migration } from 'kysely';

const text = 'text';

export function accountsSchema(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      // NULL: never confirmed. Password and e-mail-link sign-in wait for it; comment trust reads it.
      await db.schema.alterTable('users').addColumn('email_verified_at', text).execute();

      await db.schema
        .createTable('webauthn_credentials')
        // The credential id as the authenticator gives it, base64url: globally unique, and what sign-in looks up.
        .addColumn('id', text, (c) => c.primaryKey())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        // COSE public key, base64url.
        .addColumn('public_key', text, (c) => c.notNull())
        // The signature counter last seen (a clone shows itself by going backwards).
        .addColumn('counter', 'integer', (c) => c.notNull().defaultTo(0))
        // JSON array of AuthenticatorTransport ('usb', 'internal', …), handed back to the browser at sign-in.
        .addColumn('transports', text, (c) => c.notNull().defaultTo('[]'))
        .addColumn('name', text, (c) => c.notNull())
        .addColumn('created_at', text, (c) => c.notNull())
        .addColumn('last_used_at', text)
        .execute();
      await db.schema.createIndex('webauthn_credentials_user_idx').on('webauthn_credentials').column('user_id').execute();
    },
  };
}
