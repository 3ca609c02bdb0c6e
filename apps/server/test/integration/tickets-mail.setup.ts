/** Shared setup of the support-mailbox tests (replies by e-mail, unmatched messages): the app and a Dovecot mailbox. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createTestApp, type TestApp } from '../app.ts';
import { admin, api } from '../auth-helpers.ts';
import { startDovecot, type Dovecot } from '../dovecot.ts';

export let t: TestApp;
export let imap: Dovecot;
export let asStaff: ReturnType<typeof api>;

/** Registers the shared app and mailbox for the file that calls it (at top level); `name` names its data dir. */
export function useTicketsMailApp(name: string) {
  beforeAll(async () => {
    imap = await startDovecot();
    t = await createTestApp({
      env: { RATE_LIMIT_DISABLED: 'true', DATA_DIR: mkdtempSync(join(tmpdir(), `cv-${name}-`)) },
    });
    asStaff = api(t.app, (await admin(t)).accessToken);
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await imap?.stop();
  }, 60_000);
}
