import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../src/db/client.ts';

/**
 * Runs `work` while the database refuses inserts into `table` for the rows matching `when` (a trigger's WHEN
 * condition on `new`), then removes the trigger: a real database failure in the middle of a write, on both engines.
 */
export async function withInsertsRefused<T>(
  db: DbOrTx,
  table: string,
  when: string,
  work: () => Promise<T>,
): Promise<T> {
  const name = `refuse_${table}_for_test`;
  await db.execute(
    sql.raw(`create function ${name}() returns trigger language plpgsql as $$
      begin raise exception '${table} refused by the test'; end $$`),
  );
  await db.execute(
    sql.raw(`create trigger ${name} before insert on ${table} for each row when (${when})
      execute function ${name}()`),
  );
  try {
    return await work();
  } finally {
    await db.execute(sql.raw(`drop trigger ${name} on ${table}`));
    await db.execute(sql.raw(`drop function ${name}()`));
  }
}
