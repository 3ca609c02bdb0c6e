import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.ts';
import { vpsActions } from '../src/db/schema/index.ts';
import { createVpsAction, createVpsInstance } from './factories.ts';
import { freePort } from './free-port.ts';

const SERVER = join(import.meta.dirname, '../src/main.ts');

/** Starts the real server in demo mode on `dataDir`, waits until it is ready, then stops it with SIGTERM. */
async function bootAndStop(dataDir: string): Promise<void> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER], {
    env: {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += String(d)));
  child.stderr.on('data', (d) => (output += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    const deadline = Date.now() + 90_000;
    for (;;) {
      const ready = await fetch(`${url}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) break;
      if (Date.now() > deadline) throw new Error(`server did not become ready:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  } finally {
    child.kill('SIGKILL');
  }
}

describe('demo mode across a restart', () => {
  it('keeps the simulated Contabo account in DATA_DIR and settles the actions left in flight at boot', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cv-demo-'));
    await bootAndStop(dataDir);
    const stateFile = join(dataDir, 'contabo-simulator.json');
    expect(existsSync(stateFile)).toBe(true);

    // While it is down: the simulated server 100001 (running in the seed) was stopped before the crash, and two
    // actions were left accepted. The stop of 100001 took effect; the stop of 100003 (running) never did.
    const state = JSON.parse(readFileSync(stateFile, 'utf8')) as {
      instances: Array<{ instanceId: number; status: string; pending: unknown[] }>;
    };
    const instance = state.instances.find((i) => i.instanceId === 100001)!;
    Object.assign(instance, { status: 'stopped', pending: [] });
    writeFileSync(stateFile, JSON.stringify(state));
    const database = await openDatabase({ dataDir });
    const longAgo = new Date(Date.now() - 60_000);
    const left = { status: 'accepted', actionType: 'stop', expectedStatus: 'stopped', requestedAt: longAgo };
    const done = await createVpsAction(database.db, {
      ...left,
      vpsInstanceId: (await createVpsInstance(database.db, { contaboInstanceId: 100001 })).id,
    });
    const lost = await createVpsAction(database.db, {
      ...left,
      vpsInstanceId: (await createVpsInstance(database.db, { contaboInstanceId: 100003 })).id,
    });
    await database.close();

    await bootAndStop(dataDir);

    const after = await openDatabase({ dataDir });
    try {
      const rows = await after.db
        .select()
        .from(vpsActions)
        .where(inArray(vpsActions.id, [done.id, lost.id]));
      const byId = new Map(rows.map((r) => [r.id, r]));
      // Completed: only the saved simulator state says 100001 is stopped (the seed says running).
      expect(byId.get(done.id)).toMatchObject({ status: 'completed' });
      // Failed at boot, not 15 minutes later: the server is free for a new action.
      expect(byId.get(lost.id)).toMatchObject({ status: 'failed', errorCode: 'interrupted' });
    } finally {
      await after.close();
    }
  }, 240_000);
});
