/** Test factories: VPS instances and what hangs off them: status history, snapshots, actions, firewalls, console sessions, probes. */
import { randomUUID } from 'node:crypto';
import type { DbOrTx } from '../../src/db/client.ts';
import * as t from '../../src/db/schema/index.ts';
import { createUser } from './accounts.ts';
import { next, type Insert } from './shared.ts';

export async function createVpsInstance(db: DbOrTx, o: Insert<typeof t.vpsInstances> = {}) {
  const userId = o.userId ?? (await createUser(db)).id;
  const [row] = await db
    .insert(t.vpsInstances)
    .values({
      contaboInstanceId: 100_000_000 + next(),
      status: 'running',
      ipAddress: '203.0.113.10',
      region: 'EU',
      expiresAt: new Date(Date.now() + 30 * 86_400_000),
      ...o,
      userId,
    })
    .returning();
  return row!;
}

export async function createVpsStatusChange(db: DbOrTx, o: Insert<typeof t.vpsStatusHistory> = {}) {
  const vpsInstanceId = o.vpsInstanceId ?? (await createVpsInstance(db)).id;
  const [row] = await db
    .insert(t.vpsStatusHistory)
    .values({ toStatus: 'running', ...o, vpsInstanceId })
    .returning();
  return row!;
}

export async function createSnapshot(db: DbOrTx, o: Insert<typeof t.snapshots> = {}) {
  const vpsInstanceId = o.vpsInstanceId ?? (await createVpsInstance(db)).id;
  const [row] = await db
    .insert(t.snapshots)
    .values({ contaboSnapshotId: `snap${next()}`, name: 'before-upgrade', ...o, vpsInstanceId })
    .returning();
  return row!;
}

export async function createVpsAction(db: DbOrTx, o: Insert<typeof t.vpsActions> = {}) {
  const vpsInstanceId = o.vpsInstanceId ?? (await createVpsInstance(db)).id;
  const [row] = await db
    .insert(t.vpsActions)
    .values({ actionType: 'start', status: 'completed', ...o, vpsInstanceId })
    .returning();
  return row!;
}

export async function createVpsFirewall(db: DbOrTx, o: Insert<typeof t.vpsFirewalls> = {}) {
  const vps = o.vpsInstanceId ? null : await createVpsInstance(db);
  const [row] = await db
    .insert(t.vpsFirewalls)
    .values({
      vpsInstanceId: vps?.id ?? o.vpsInstanceId!,
      userId: vps?.userId ?? o.userId ?? (await createUser(db)).id,
      contaboFirewallId: randomUUID(),
      rules: [{ protocol: 'tcp', ports: ['22'], sources: [], description: 'SSH' }],
      ...o,
    })
    .returning();
  return row!;
}

export async function createVpsConsoleSession(db: DbOrTx, o: Insert<typeof t.vpsConsoleSessions> = {}) {
  const vps = o.vpsInstanceId ? null : await createVpsInstance(db);
  const [row] = await db
    .insert(t.vpsConsoleSessions)
    .values({
      vpsInstanceId: vps?.id ?? o.vpsInstanceId!,
      userId: vps?.userId ?? o.userId ?? (await createUser(db)).id,
      ticketHash: randomUUID().replaceAll('-', '').padEnd(64, '0'),
      expiresAt: new Date(Date.now() + 30_000),
      ...o,
    })
    .returning();
  return row!;
}

export async function createVpsProbe(db: DbOrTx, o: Insert<typeof t.vpsProbes> = {}) {
  const vpsInstanceId = o.vpsInstanceId ?? (await createVpsInstance(db)).id;
  const [row] = await db
    .insert(t.vpsProbes)
    .values({ enabled: true, ...o, vpsInstanceId })
    .returning();
  return row!;
}

export async function createVpsProbeResult(db: DbOrTx, o: Insert<typeof t.vpsProbeResults> = {}) {
  const vpsInstanceId = o.vpsInstanceId ?? (await createVpsInstance(db)).id;
  const [row] = await db
    .insert(t.vpsProbeResults)
    .values({ at: new Date(), latencyMs: 20, error: null, ...o, vpsInstanceId })
    .returning();
  return row!;
}

export async function createVpsProbeHourly(db: DbOrTx, o: Insert<typeof t.vpsProbeHourly> = {}) {
  const vpsInstanceId = o.vpsInstanceId ?? (await createVpsInstance(db)).id;
  const [row] = await db
    .insert(t.vpsProbeHourly)
    .values({
      hour: new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000),
      probes: 12,
      failures: 0,
      latencyAvgMs: 20,
      latencyMaxMs: 30,
      ...o,
      vpsInstanceId,
    })
    .returning();
  return row!;
}
