import { describe, expect, it } from 'vitest';
import { createVpsTestbed } from '../../../test/fakes/vps.ts';
import { createVpsService } from './vps.service.ts';

function setup() {
  const bed = createVpsTestbed();
  return { ...bed, vps: createVpsService(bed.deps) };
}

/** An action Contabo accepted `agoMs` before the clock's now. */
async function accepted(
  bed: ReturnType<typeof setup>,
  vpsId: string,
  actionType: string,
  expectedStatus: string | null,
  agoMs = 0,
) {
  const at = new Date(bed.clock.now().getTime() - agoMs);
  const row = await bed.fake.repo.insertAction({
    vpsInstanceId: vpsId,
    userId: 'alice',
    actionType,
    status: 'accepted',
    expectedStatus,
    params: {},
    requestedAt: at,
  });
  return (await bed.fake.repo.updateAction(row!.id, { acceptedAt: at }))!;
}

describe('the action tracker (unit)', () => {
  it('completes an action when the expected status shows, writing the status once with its history and event', async () => {
    const bed = setup();
    const server = bed.fake.add({ status: 'running' });
    bed.contabo.instances.set(server.contaboInstanceId, { status: 'running' });
    const action = await accepted(bed, server.id, 'stop', 'stopped');

    expect(await bed.vps.trackActions()).toEqual({ checked: 1, completed: 0, failed: 0 });
    expect(bed.fake.history).toEqual([]);

    bed.contabo.instances.set(server.contaboInstanceId, { status: 'stopped' });
    bed.clock.advance(5_000);
    expect(await bed.vps.trackActions()).toEqual({ checked: 1, completed: 1, failed: 0 });
    expect(bed.fake.actions.find((a) => a.id === action.id)).toMatchObject({
      status: 'completed',
      completedAt: bed.clock.now(),
    });
    expect(bed.fake.servers.get(server.id)).toMatchObject({
      status: 'stopped',
      statusChangedAt: bed.clock.now(),
    });
    expect(bed.fake.history).toMatchObject([{ fromStatus: 'running', toStatus: 'stopped' }]);
    expect(bed.published.map((e) => [e.type, e.status, e.actionStatus])).toEqual([
      ['vps.status', 'stopped', undefined],
      ['vps.action', 'stopped', 'completed'],
    ]);
    expect(await bed.vps.trackActions()).toEqual({ checked: 0, completed: 0, failed: 0 });
  });

  it('fails an action that does not reach its status within 15 minutes, and frees the server for the next one', async () => {
    const bed = setup();
    const server = bed.fake.add({ status: 'running' });
    bed.contabo.instances.set(server.contaboInstanceId, { status: 'running' });
    await accepted(bed, server.id, 'stop', 'stopped');

    bed.clock.advance(15 * 60_000);
    expect(await bed.vps.trackActions()).toMatchObject({ completed: 0, failed: 0 });
    bed.clock.advance(1_000);
    expect(await bed.vps.trackActions()).toMatchObject({ completed: 0, failed: 1 });
    expect(bed.fake.actions[0]).toMatchObject({ status: 'failed', errorCode: 'timeout' });
    expect((await bed.vps.power({ id: 'alice', role: 'customer' }, server.id, 'stop')).status).toBe('queued');
  });

  it('fails at once when Contabo reports the instance in error, with Contabo’s message', async () => {
    const bed = setup();
    const server = bed.fake.add({ status: 'running' });
    bed.contabo.instances.set(server.contaboInstanceId, { status: 'error', errorMessage: 'disk failure' });
    await accepted(bed, server.id, 'restart', 'running');
    expect(await bed.vps.trackActions()).toMatchObject({ failed: 1 });
    expect(bed.fake.actions[0]).toMatchObject({ errorCode: 'instance_error', errorMessage: 'disk failure' });
    expect(bed.fake.servers.get(server.id)!.status).toBe('error');
  });

  it('does not take the old status for a finished restore during its first second', async () => {
    const bed = setup();
    const server = bed.fake.add({ status: 'running' });
    bed.contabo.instances.set(server.contaboInstanceId, { status: 'running' });
    await accepted(bed, server.id, 'snapshot-restore', 'running');
    expect(await bed.vps.trackActions()).toMatchObject({ completed: 0, failed: 0 });
    bed.clock.advance(1_001);
    expect(await bed.vps.trackActions()).toMatchObject({ completed: 1 });
  });

  it('an action without an expected status completes as soon as Contabo lists the instance', async () => {
    const bed = setup();
    const server = bed.fake.add({ status: 'running' });
    const gone = bed.fake.add({ status: 'running' });
    bed.contabo.instances.set(server.contaboInstanceId, { status: 'running' });
    await accepted(bed, server.id, 'rdns-update', null);
    await accepted(bed, gone.id, 'rdns-update', null);
    expect(await bed.vps.trackActions()).toEqual({ checked: 2, completed: 1, failed: 0 });
  });
});

describe('live refresh and known statuses (unit)', () => {
  it('asks Contabo at most every 10 seconds per server when the panel wants a live status', async () => {
    const bed = setup();
    const server = bed.fake.add({ status: 'running', lastSyncedAt: bed.clock.now() });
    bed.contabo.instances.set(server.contaboInstanceId, { status: 'stopped' });
    const alice = { id: 'alice', role: 'customer' };

    expect((await bed.vps.get(alice, server.id, true)).status).toBe('running');
    bed.clock.advance(10_000);
    expect((await bed.vps.get(alice, server.id, true)).status).toBe('stopped');
    bed.contabo.instances.set(server.contaboInstanceId, { status: 'running' });
    bed.clock.advance(9_999);
    expect((await bed.vps.get(alice, server.id, true)).status).toBe('stopped');
    expect(bed.contabo.calls.filter((c) => c.startsWith('instances.get'))).toHaveLength(1);
    expect(bed.fake.history.map((h) => h.toStatus)).toEqual(['stopped']);
  });

  it('announces a status it sets itself (installing after a reinstall) once, and not again when unchanged', async () => {
    const bed = setup();
    const server = bed.fake.add({ status: 'running' });
    await bed.vps.showStatus(server, 'installing');
    await bed.vps.showStatus({ ...server, status: 'installing' }, 'installing');
    expect(bed.fake.history.map((h) => [h.fromStatus, h.toStatus])).toEqual([['running', 'installing']]);
    expect(bed.published.map((e) => e.status)).toEqual(['installing']);
  });
});
