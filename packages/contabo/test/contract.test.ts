// Contract tests: the client against the simulator for every operation we use.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ContaboError } from '../src/index.ts';
import { IMAGE_IDS } from '../src/simulator/index.ts';
import { startHarness } from './helpers/harness.ts';
import type { Harness } from './helpers/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.sim.close());
beforeEach(() => h.sim.control.reset());

const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyForTestsOnly cloud@vertice';

describe('instances', () => {
  it('lists with paging and filters and unwraps the envelope', async () => {
    const page = await h.client.instances.list({ size: 4, page: 1 });
    expect(page.items).toHaveLength(4);
    expect(page.pagination).toEqual({ size: 4, totalElements: 11, totalPages: 3, page: 1 });
    const eu = await h.client.instances.list({ region: 'EU', size: 50 });
    expect(eu.items.map((i) => i.instanceId)).toEqual([
      100001, 100002, 100006, 100007, 100008, 100009, 100010, 100011,
    ]);
    const byIds = await h.client.instances.list({ instanceIds: [100003, 100005] });
    expect(byIds.items.map((i) => i.productId)).toEqual(['V94', 'V97']);
    const stopped = await h.client.instances.list({ status: 'stopped' });
    expect(stopped.items.map((i) => i.instanceId)).toEqual([100002]);
    const products = await h.client.instances.list({ productIds: ['V8', 'V95'] });
    expect(products.items.map((i) => i.instanceId)).toEqual([100004, 100006, 100008]);
    expect((await h.client.instances.list({ search: '203.0.113.3' })).items.map((i) => i.instanceId)).toEqual(
      [100002],
    );
    expect((await h.client.instances.list({ name: 'vmi100004' })).items).toHaveLength(1);
    expect((await h.client.instances.list({ displayName: 'vmi100005' })).items[0]?.osType).toBe('Windows');
  });

  it('listAll walks every page', async () => {
    h.sim.control.seedInstances(25);
    const all = await h.client.instances.listAll({ size: 10 });
    expect(all).toHaveLength(36);
    expect(h.sim.control.counters().byOperation.retrieveInstancesList).toBe(4);
  });

  it('gets one instance with tolerant parsing (cancelDate "" → null, ipConfig)', async () => {
    const i = await h.client.instances.get(100001);
    expect(i).toMatchObject({
      instanceId: 100001,
      status: 'running',
      region: 'EU',
      productId: 'V91',
      cancelDate: null,
    });
    expect(i.ipConfig.v4?.ip).toMatch(/^203\.0\.113\./);
    expect(i.ipConfig.v6?.ip).toMatch(/^2001:db8:/);
    expect(i.macAddress).toMatch(/^00:50:56:/);
    await expect(h.client.instances.get(999)).rejects.toMatchObject({ code: 'not_found', status: 404 });
  });

  it('creates an instance that goes provisioning → installing → running', async () => {
    const created = await h.client.instances.create(
      {
        productId: 'V94',
        imageId: IMAGE_IDS.debian12,
        region: 'US-east',
        period: 12,
        displayName: 'order-7',
      },
      { traceId: 'order-7' },
    );
    expect(created).toMatchObject({ productId: 'V94', region: 'US-east', status: 'provisioning' });
    h.sim.control.advance(5000);
    expect((await h.client.instances.get(created.instanceId)).status).toBe('installing');
    h.sim.control.advance(5000);
    const ready = await h.client.instances.get(created.instanceId);
    expect(ready).toMatchObject({ status: 'running', displayName: 'order-7', imageId: IMAGE_IDS.debian12 });
  });

  it('creates with secrets and rejects bad input locally and remotely', async () => {
    const pw = await h.client.secrets.create({ name: 'root', type: 'password', value: 'Abcdefg1!!' });
    const key = await h.client.secrets.create({ name: 'key', type: 'ssh', value: SSH_KEY });
    const created = await h.client.instances.create({
      period: 1,
      rootPassword: pw.secretId,
      sshKeys: [key.secretId],
      defaultUser: 'root',
      userData: '#cloud-config\n',
    });
    expect(created.sshKeys).toEqual([key.secretId]);
    await expect(h.client.instances.create({ period: 1, rootPassword: 424242 })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(h.client.instances.create({ period: 1, productId: 'V999' })).rejects.toMatchObject({
      code: 'bad_request',
      messages: ['Bad Request productId V999 is wrong'],
    });
    // @ts-expect-error period 3 is no longer offered
    await expect(h.client.instances.create({ period: 3 })).rejects.toMatchObject({ code: 'invalid_request' });
    // @ts-expect-error unknown region
    await expect(h.client.instances.create({ period: 1, region: 'MARS' })).rejects.toMatchObject({
      code: 'invalid_request',
    });
  });

  it('renames (PATCH) and reinstalls (PUT)', async () => {
    const ref = await h.client.instances.rename(100002, 'web-1');
    expect(ref.instanceId).toBe(100002);
    expect((await h.client.instances.get(100002)).displayName).toBe('web-1');
    await expect(h.client.instances.rename(100002, 'x'.repeat(256))).rejects.toMatchObject({
      code: 'invalid_request',
    });

    await h.client.instances.reinstall(100002, { imageId: IMAGE_IDS.ubuntu2404, defaultUser: 'admin' });
    expect((await h.client.instances.get(100002)).status).toBe('installing');
    h.sim.control.advance(10_000);
    expect(await h.client.instances.get(100002)).toMatchObject({
      status: 'running',
      imageId: IMAGE_IDS.ubuntu2404,
    });
    await expect(h.client.instances.reinstall(100002, { imageId: 'nope' })).rejects.toMatchObject({
      status: 400,
    });
  });

  it('cancels with and without a date', async () => {
    const res = await h.client.instances.cancel(100001);
    expect(res.cancelDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await h.client.instances.get(100001)).cancelDate).toBe(res.cancelDate);
    const dated = await h.client.instances.cancel(100003, { cancelDate: '2099-05-01T00:00:00Z' });
    expect(dated.cancelDate).toBe('2099-05-01');
  });

  it('sends cancelDate as the date-time the spec wants, also when given a day or a Date', async () => {
    // The simulator validates the request like the spec: a bare day in the body is a 400.
    const day = await h.client.instances.cancel(100005, { cancelDate: '2099-06-30' });
    expect(day.cancelDate).toBe('2099-06-30');
    const date = await h.client.instances.cancel(100006, { cancelDate: new Date('2099-07-31T00:00:00Z') });
    expect(date.cancelDate).toBe('2099-07-31');
    await expect(h.client.instances.cancel(100004, { cancelDate: '31/07/2099' })).rejects.toMatchObject({
      code: 'invalid_request',
    });
  });
});

describe('instance actions', () => {
  it('start/stop/shutdown/restart change status after the action time', async () => {
    await h.client.actions.stop(100001);
    expect((await h.client.instances.get(100001)).status).toBe('running');
    h.sim.control.advance(3000);
    expect((await h.client.instances.get(100001)).status).toBe('stopped');
    const started = await h.client.actions.start(100001);
    expect(started).toMatchObject({ instanceId: 100001, action: 'start' });
    h.sim.control.advance(3000);
    expect((await h.client.instances.get(100001)).status).toBe('running');
    await h.client.actions.shutdown(100001);
    h.sim.control.advance(3000);
    expect((await h.client.instances.get(100001)).status).toBe('stopped');
    await h.client.actions.restart(100001);
    h.sim.control.advance(3000);
    expect((await h.client.instances.get(100001)).status).toBe('running');
  });

  it('rescue and resetPassword take secret ids', async () => {
    const pw = await h.client.secrets.create({ name: 'rescue', type: 'password', value: 'Rescue123!' });
    await h.client.actions.rescue(100003, { rootPassword: pw.secretId });
    h.sim.control.advance(3000);
    expect((await h.client.instances.get(100003)).status).toBe('rescue');
    await h.client.actions.resetPassword(100001, { rootPassword: pw.secretId });
    expect((await h.client.instances.get(100001)).status).toBe('reset_password');
    h.sim.control.advance(3000);
    expect((await h.client.instances.get(100001)).status).toBe('running');
    await expect(h.client.actions.rescue(100003, { sshKeys: [pw.secretId] })).rejects.toMatchObject({
      status: 400,
    });
  });

  it('refuses actions while provisioning (409) and on unknown instances (404)', async () => {
    h.sim.control.setInstanceStatus(100004, 'provisioning');
    await expect(h.client.actions.restart(100004)).rejects.toMatchObject({ code: 'conflict', status: 409 });
    await expect(h.client.actions.start(1)).rejects.toBeInstanceOf(ContaboError);
  });
});

describe('audits', () => {
  it('records actions and creates with requestId and traceId', async () => {
    await h.client.actions.restart(100001, { traceId: 'vps-action-9' });
    const metric = h.metrics.at(-1)!;
    expect(metric).toMatchObject({
      method: 'POST',
      pathTemplate: '/v1/compute/instances/{instanceId}/actions/restart',
    });
    const audits = await h.client.audits.instanceActions({ instanceId: 100001 });
    expect(audits.items).toHaveLength(1);
    const entry = audits.items[0]!;
    expect(entry.traceId).toBe('vps-action-9');
    expect(entry.requestId).toBe(metric.requestId);
    const found = await h.client.audits.findByRequestId(metric.requestId);
    expect(found.actions).toHaveLength(1);
    expect(found.instance).toHaveLength(0);

    await h.client.instances.rename(100001, 'renamed');
    const instanceAudits = await h.client.audits.instances({ instanceId: 100001 });
    expect(instanceAudits.items.map((a) => a.action)).toEqual(['UPDATED']);
  });
});

describe('snapshots', () => {
  it('create, list, get, update, delete, rollback', async () => {
    const s1 = await h.client.snapshots.create(100006, { name: 'before upgrade', description: 'first' });
    h.sim.control.advance(1000);
    const s2 = await h.client.snapshots.create(100006, { name: 'second' });
    expect(s1.snapshotId).not.toBe(s2.snapshotId);
    expect((await h.client.snapshots.list(100006)).items.map((s) => s.name)).toEqual([
      'before upgrade',
      'second',
    ]);
    expect((await h.client.snapshots.list(100006, { name: 'sec' })).items).toHaveLength(1);
    expect(await h.client.snapshots.get(100006, s1.snapshotId)).toMatchObject({ description: 'first' });
    const updated = await h.client.snapshots.update(100006, s2.snapshotId, { description: 'edited' });
    expect(updated.description).toBe('edited');
    await h.client.snapshots.rollback(100006, s2.snapshotId);
    await h.client.snapshots.delete(100006, s2.snapshotId);
    expect((await h.client.snapshots.list(100006)).items).toHaveLength(1);
    await expect(h.client.snapshots.get(100006, s2.snapshotId)).rejects.toMatchObject({ code: 'not_found' });
    await expect(h.client.snapshots.create(100006, { name: 'bad/name' })).rejects.toMatchObject({
      code: 'invalid_request',
    });
  });
});

describe('images', () => {
  it('lists standard images with paging and gets one', async () => {
    const all = await h.client.images.listAll({ standardImage: true });
    expect(all.length).toBeGreaterThanOrEqual(8);
    expect(all.find((i) => i.imageId === IMAGE_IDS.windows2022)?.osType).toBe('Windows');
    const page = await h.client.images.list({ size: 3, page: 2 });
    expect(page.items).toHaveLength(3);
    expect(page.pagination.totalPages).toBe(3);
    expect((await h.client.images.list({ standardImage: false })).items).toHaveLength(0);
    expect((await h.client.images.get(IMAGE_IDS.ubuntu2204)).name).toBe('ubuntu-22.04');
    await expect(h.client.images.get('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
      status: 404,
    });
  });
});

describe('secrets', () => {
  it('create, list, get, delete and the password policy', async () => {
    const s = await h.client.secrets.create({ name: 'pw', type: 'password', value: 'Passw0rd123!' });
    await h.client.secrets.create({ name: 'key', type: 'ssh', value: SSH_KEY });
    expect((await h.client.secrets.list({ type: 'ssh' })).items.map((x) => x.name)).toEqual(['key']);
    expect((await h.client.secrets.get(s.secretId)).value).toBe('Passw0rd123!');
    await h.client.secrets.delete(s.secretId);
    await expect(h.client.secrets.get(s.secretId)).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      h.client.secrets.create({ name: 'weak', type: 'password', value: 'password1' }),
    ).rejects.toMatchObject({ code: 'invalid_request' });
  });
});

describe('simulator request checks', () => {
  it('rejects missing/invalid bearer and x-request-id, and validates bodies NestJS-style', async () => {
    const token = await (
      await fetch(h.sim.authUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'password',
          client_id: h.sim.credentials.clientId,
          client_secret: h.sim.credentials.clientSecret,
          username: h.sim.credentials.username,
          password: h.sim.credentials.password,
        }),
      })
    ).json();
    const url = `${h.sim.apiUrl}/v1/compute/instances/100001/snapshots`;
    const auth = { authorization: `Bearer ${(token as { access_token: string }).access_token}` };
    const noAuth = await fetch(url, { headers: { 'x-request-id': crypto.randomUUID() } });
    expect(noAuth.status).toBe(401);
    expect(await noAuth.json()).toEqual({ statusCode: 401, message: 'Unauthorized' });
    const badId = await fetch(url, { headers: { ...auth, 'x-request-id': 'not-a-uuid' } });
    expect(badId.status).toBe(400);
    const invalid = await fetch(url, {
      method: 'POST',
      headers: { ...auth, 'x-request-id': crypto.randomUUID(), 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x'.repeat(31), description: '' }),
    });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toEqual({
      statusCode: 400,
      message: [
        'name must be shorter than or equal to 30 characters',
        'description must be longer than or equal to 1 characters',
      ],
    });
  });
});
