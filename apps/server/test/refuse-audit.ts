import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect } from 'vitest';
import { createTestApp, type TestApp } from './app.ts';
import { admin, api } from './auth-helpers.ts';

/**
 * #15-7 test support: makes the database refuse the audit rows of chosen actions (a trigger), so a test can prove that
 * an admin action whose audit row cannot be written does not happen.
 */
export async function installAuditRefusal(t: TestApp) {
  await t.database.db.execute(sql`
    create or replace function refuse_audit_for_test() returns trigger language plpgsql as $$
    begin
      raise exception 'audit refused by the test';
    end $$`);
}

/** The app of the file that calls `useAuditRefusalApp`, and its administrator. */
export let t: TestApp;
export let asAdmin: ReturnType<typeof api>;

/** Registers the app for the file that calls it (at top level): limits off, an administrator, the refusal installed. */
export function useAuditRefusalApp() {
  beforeAll(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_DISABLED: 'true' } });
    asAdmin = api(t.app, (await admin(t)).accessToken);
    await installAuditRefusal(t);
  }, 300_000);
  afterAll(async () => {
    await t.close();
  });
}

export async function refuseAuditOf(t: TestApp, actions: readonly string[] | null) {
  await t.database.db.execute(sql`drop trigger if exists refuse_audit on audit_log`);
  if (!actions?.length) return;
  await t.database.db.execute(
    sql.raw(`create trigger refuse_audit before insert on audit_log for each row
      when (new.action in (${actions.map((a) => `'${a}'`).join(', ')}))
      execute function refuse_audit_for_test()`),
  );
}

/** A failed audit is an internal failure: never a success, and always the error contract. */
export function expectRefused(res: {
  statusCode: number;
  body: string;
  json: () => { error?: { code?: string } };
}) {
  expect(res.statusCode, res.body).toBeGreaterThanOrEqual(500);
  expect(res.json().error?.code).toEqual(expect.any(String));
}
