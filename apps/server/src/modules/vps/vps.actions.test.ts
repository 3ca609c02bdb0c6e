import { describe, expect, it } from 'vitest';
import { codeOf, contaboError, createVpsTestbed } from '../../../test/fakes/vps.ts';
import { createVpsService, type PowerAction } from './vps.service.ts';

function setup() {
  const bed = createVpsTestbed();
  return { ...bed, vps: createVpsService(bed.deps) };
}

const alice = { id: 'alice', role: 'customer' };
const bob = { id: 'bob', role: 'customer' };

/** Written out, not read from the rules table: a changed rule must fail here. */
const POWER_ALLOWED: Record<PowerAction, string[]> = {
  start: ['stopped'],
  stop: ['running', 'rescue'],
  shutdown: ['running'],
  restart: ['running', 'rescue'],
};
const STATUSES = ['running', 'stopped', 'rescue', 'provisioning', 'installing', 'error', 'unknown'];

describe('VPS power actions (unit)', () => {
  for (const [type, allowed] of Object.entries(POWER_ALLOWED) as Array<[PowerAction, string[]]>) {
    it(`${type} is accepted only from ${allowed.join(' / ')}`, async () => {
      const { vps, fake } = setup();
      for (const status of STATUSES) {
        const server = fake.add({ status });
        const code = await codeOf(vps.power(alice, server.id, type));
        expect({ status, code }).toEqual({ status, code: allowed.includes(status) ? undefined : 'conflict' });
      }
      expect(fake.actions).toHaveLength(allowed.length);
    });
  }

  it('queues the action: recorded as queued with its expected status, the dispatcher woken, place and estimate returned', async () => {
    const { vps, fake, queue, published, audits, contabo } = setup();
    const server = fake.add({ status: 'running' });
    queue.position = 4;
    const action = await vps.power(alice, server.id, 'stop');
    expect(action).toMatchObject({
      actionType: 'stop',
      status: 'queued',
      expectedStatus: 'stopped',
      queue: { position: 4, estimatedSeconds: 8 },
    });
    expect(queue.wakes).toBe(1);
    expect(contabo.calls).toEqual([]); // the request never waits for Contabo
    expect(published).toMatchObject([{ type: 'vps.action', vpsId: server.id, actionStatus: 'queued' }]);
    expect(audits).toMatchObject([{ action: 'vps.stop', actorId: 'alice', metadata: { queuePosition: 4 } }]);
  });

  it('runs one action at a time per server: a second one is refused while the first is queued or accepted', async () => {
    const { vps, fake } = setup();
    const server = fake.add({ status: 'running' });
    const other = fake.add({ status: 'running' });
    const first = await vps.power(alice, server.id, 'restart');
    expect(await codeOf(vps.power(alice, server.id, 'stop'))).toBe('action_in_progress');
    expect(await codeOf(vps.rename(alice, server.id, 'db-1'))).toBe('action_in_progress');
    expect(await codeOf(vps.power(alice, other.id, 'stop'))).toBeUndefined(); // per server, not per account
    await fake.repo.updateAction(first.id, { status: 'accepted' });
    expect(await codeOf(vps.power(alice, server.id, 'stop'))).toBe('action_in_progress');
    await fake.repo.updateAction(first.id, { status: 'completed' });
    expect(await codeOf(vps.power(alice, server.id, 'stop'))).toBeUndefined();
  });
});

describe('who may act, and when (unit)', () => {
  const mutations = (vps: ReturnType<typeof setup>['vps'], id: string) => ({
    power: () => vps.power(alice, id, 'stop'),
    rescue: () => vps.rescue(alice, id, { sshKeyIds: [] }),
    resetPassword: () => vps.resetPassword(alice, id, { generate: true }),
    rename: () => vps.rename(alice, id, 'db-1'),
    credentials: () => vps.credentials(alice, id, 'whatever'),
    snapshots: () => vps.snapshots(alice, id),
    createSnapshot: () => vps.createSnapshot(alice, id, { name: 'before-upgrade' }),
    restoreSnapshot: () => vps.restoreSnapshot(alice, id, 'snap-1'),
    deleteSnapshot: () => vps.deleteSnapshot(alice, id, 'snap-1'),
  });

  it('refuses every action on a suspended service (403 service_suspended) without writing or calling anything', async () => {
    const { vps, fake, contabo } = setup();
    const server = fake.add({ status: 'running', serviceStatus: 'suspended' });
    contabo.snapshots.set(server.contaboInstanceId, ['snap-1']);
    for (const [name, call] of Object.entries(mutations(vps, server.id))) {
      expect({ name, code: await codeOf(call()) }).toEqual({ name, code: 'service_suspended' });
    }
    expect(fake.actions).toEqual([]);
    expect(contabo.calls).toEqual([]);
    // Reading stays possible: the customer sees why and what to pay.
    expect((await vps.get(alice, server.id)).serviceStatus).toBe('suspended');
  });

  it('refuses every action on an ended service (terminated, cancelled) as service_inactive', async () => {
    const { vps, fake } = setup();
    for (const serviceStatus of ['terminated', 'cancelled']) {
      const server = fake.add({ status: 'running', serviceStatus });
      for (const [name, call] of Object.entries(mutations(vps, server.id))) {
        expect({ serviceStatus, name, code: await codeOf(call()) }).toEqual({
          serviceStatus,
          name,
          code: 'service_inactive',
        });
      }
    }
    expect(fake.actions).toEqual([]);
  });

  it("hides another customer's server (and an unknown id) as not found, for reads and actions alike", async () => {
    const { vps, fake } = setup();
    const server = fake.add({ userId: 'alice', status: 'running' });
    const asBob = {
      get: () => vps.get(bob, server.id),
      actions: () => vps.actions(bob, server.id),
      history: () => vps.history(bob, server.id),
      power: () => vps.power(bob, server.id, 'stop'),
      rename: () => vps.rename(bob, server.id, 'mine-now'),
      credentials: () => vps.credentials(bob, server.id, 'x'),
    };
    for (const [name, call] of Object.entries(asBob)) {
      expect({ name, code: await codeOf(call()) }).toEqual({ name, code: 'not_found' });
    }
    expect(await codeOf(vps.get(alice, 'no-such-server'))).toBe('not_found');
    expect(fake.actions).toEqual([]);
    expect((await vps.list(bob, 1, 20)).total).toBe(0);
    expect((await vps.list(alice, 1, 20)).total).toBe(1);
  });
});

describe('actions answered at once (unit)', () => {
  it('a failed send marks the action failed, audits it, frees the slot and tells the customer what happened', async () => {
    const { vps, fake, contabo, audits } = setup();
    const server = fake.add({ status: 'running' });
    contabo.failNext(contaboError('rate_limited'));
    expect(await codeOf(vps.rename(alice, server.id, 'db-1'))).toBe('contabo_unavailable');
    expect(fake.actions).toMatchObject([
      { actionType: 'rename', status: 'failed', errorCode: 'rate_limited' },
    ]);
    expect(audits.map((a) => a.action)).toEqual(['vps.rename.failed']);
    expect(fake.servers.get(server.id)!.displayName).toBe('web-1'); // nothing changed on our side either

    const renamed = await vps.rename(alice, server.id, 'db-1');
    expect(renamed.displayName).toBe('db-1');
    expect(fake.actions[1]).toMatchObject({ status: 'completed', params: { displayName: 'db-1' } });
  });

  it('an unknown snapshot is a 404 before any action row is written or anything is sent', async () => {
    const { vps, fake, contabo } = setup();
    const server = fake.add({ status: 'running' });
    contabo.snapshots.set(server.contaboInstanceId, ['snap-1']);
    expect(await codeOf(vps.restoreSnapshot(alice, server.id, 'snap-9'))).toBe('not_found');
    expect(await codeOf(vps.deleteSnapshot(alice, server.id, 'snap-9'))).toBe('not_found');
    expect(fake.actions).toEqual([]);
    expect(contabo.calls.filter((c) => !c.startsWith('snapshots.get'))).toEqual([]);

    const restore = await vps.restoreSnapshot(alice, server.id, 'snap-1');
    // A restore waits for the status the server had (the tracker completes it).
    expect(restore).toMatchObject({
      actionType: 'snapshot-restore',
      status: 'accepted',
      expectedStatus: 'running',
    });
  });
});
