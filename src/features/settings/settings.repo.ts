// Reads and writes the settings table.
import type { Db } from '../../db/database.js';

export async function listStoredSettings(db: Db): Promise<Map<string, string>> {
  const rows = await db.kysely.selectFrom('settings').select(['key', 'value']).execute();
  return new Map(rows.map((r) => [r.key, r.value]));
}

export async function upsertSettings(db: Db, values: ReadonlyMap<string, string>): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    for (const [key, value] of values) {
      await trx
        .insertInto('settings')
        .values({ key, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute();
    }
  });
}
