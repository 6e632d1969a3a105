// An index on jobs by kind and creation time: "how many mails of this kind were queued lately" (the moderation
// mail's flood guard) reads only the last minutes of one kind, not the whole table of finished jobs.
import type { Kysely, Migration } from 'kysely';

export function jobsRecentByKindSchema(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.createIndex('jobs_kind_created_idx').on('jobs').columns(['kind', 'created_at']).execute();
    },
  };
}
