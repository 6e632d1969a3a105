// The explicit, ordered list of migrations. A released migration never changes: add a new one.
import type { Migration, MigrationProvider } from 'kysely';
import type { SqlDialect } from '../dialect.js';
import { initialSchema } from './2026-11-30-initial-schema.js';
import { jobsSchema } from './2026-11-30-jobs.js';
import { commentPipelineSchema } from './2026-12-01-comment-pipeline.js';
import { accountsSchema } from './2026-12-02-accounts.js';
import { jobsRecentByKindSchema } from './2026-12-03-jobs-recent-by-kind.js';
import { commentDraftsSchema } from './2026-12-04-comment-drafts.js';
import { publishingInterfacesSchema } from './2026-12-05-publishing-interfaces.js';
import { termRedirectsSchema } from './2026-12-06-term-redirects.js';

export function migrationProvider(dialect: SqlDialect): MigrationProvider {
  const migrations: Record<string, Migration> = {
    '2026-11-30-initial-schema': initialSchema(dialect),
    // Kysely applies migrations in name order; 'initial-schema' < 'jobs', matching this list.
    '2026-11-30-jobs': jobsSchema(dialect),
    '2026-12-01-comment-pipeline': commentPipelineSchema(dialect),
    '2026-12-02-accounts': accountsSchema(),
    '2026-12-03-jobs-recent-by-kind': jobsRecentByKindSchema(),
    '2026-12-04-comment-drafts': commentDraftsSchema(),
    '2026-12-05-publishing-interfaces': publishingInterfacesSchema(dialect),
    '2026-12-06-term-redirects': termRedirectsSchema(),
  };
  return { getMigrations: async () => migrations };
}
