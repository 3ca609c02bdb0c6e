// Both sides against Contabo's real OpenAPI spec: every request our client sends and every response the simulator
// gives (success and error) for each operation we use is validated with ajv.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMAGE_IDS } from '../src/simulator/index.ts';
import { startHarness } from './helpers/harness.ts';
import type { Harness } from './helpers/harness.ts';
import { createSpecValidator, loadSpec, recordingFetch, specPath } from './helpers/spec.ts';
import type { RecordedExchange } from './helpers/spec.ts';

const OPERATIONS = [
  'retrieveInstancesList',
  'retrieveInstance',
  'createInstance',
  'patchInstance',
  'reinstallInstance',
  'cancelInstance',
  'start',
  'stop',
  'restart',
  'shutdown',
  'rescue',
  'resetPasswordAction',
  'retrieveSnapshotList',
  'createSnapshot',
  'retrieveSnapshot',
  'updateSnapshot',
  'deleteSnapshot',
  'rollbackSnapshot',
  'retrieveImageList',
  'retrieveImage',
  'createSecret',
  'retrieveSecretList',
  'retrieveSecret',
  'deleteSecret',
  'retrieveInstancesActionsAuditsList',
  'retrieveInstancesAuditsList',
  'retrievePtrRecordsList',
  'retrievePtrRecord',
  'updatePtrRecord',
  'createPtrRecord',
  'deletePtrRecord',
  'retrieveFirewallList',
  'createFirewall',
  'retrieveFirewall',
  'putFirewall',
  'patchFirewall',
  'deleteFirewall',
  'assignInstanceFirewall',
  'unassignInstanceFirewall',
  'retrievePresetRules',
];

const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyForTestsOnly cloud@vertice';
let h: Harness;
let validator: ReturnType<typeof createSpecValidator>;
const log: RecordedExchange[] = [];
let source: RecordedExchange['source'] = 'client';

beforeAll(async () => {
  validator = createSpecValidator(loadSpec()); // throws (→ failing suite) when the spec file is missing
  h = await startHarness({}, { fetch: recordingFetch(log, () => source) as typeof fetch });
});
afterAll(async () => h?.sim.close());

/** Exercises every operation once on the happy path plus typical error answers. */
async function scenario(): Promise<void> {
  const c = h.client;
  const ctx = { traceId: 'order-1001' };
  await c.instances.list({ page: 1, size: 2, orderBy: ['name:asc'], status: 'running', region: 'EU' }, ctx);
  await c.instances.list({
    instanceIds: [100001, 100002],
    productIds: ['V91'],
    search: 'vmi',
    name: 'vmi100001',
  });
  await c.instances.list({ displayName: 'vmi100001' });
  await c.instances.get(100001, ctx);
  const pw = await c.secrets.create({ name: 'root pw', type: 'password', value: 'Abcdef12!!' }, ctx);
  const key = await c.secrets.create({ name: 'ssh key', type: 'ssh', value: SSH_KEY });
  await c.secrets.list({ type: 'password', name: 'root', page: 1, size: 10 });
  await c.secrets.get(pw.secretId);
  const created = await c.instances.create(
    {
      productId: 'V91',
      imageId: IMAGE_IDS.ubuntu2204,
      region: 'EU',
      period: 1,
      sshKeys: [key.secretId],
      rootPassword: pw.secretId,
      userData: '#cloud-config',
      defaultUser: 'root',
      displayName: 'order-1001',
    },
    ctx,
  );
  await c.instances.get(created.instanceId); // provisioning: cancelDate "", status provisioning
  await c.instances.rename(100002, 'web-2');
  await c.instances.reinstall(100002, {
    imageId: IMAGE_IDS.debian12,
    sshKeys: [key.secretId],
    defaultUser: 'root',
  });
  await c.instances.cancel(100003);
  await c.instances.cancel(100004, { cancelDate: '2099-01-31T00:00:00.000Z' });
  await c.instances.cancel(100005, { cancelDate: '2099-02-28' }); // a day goes out as the spec's date-time
  await c.instances.get(100003); // cancelDate set
  await c.actions.stop(100001);
  await c.actions.start(100001);
  await c.actions.restart(100001);
  await c.actions.shutdown(100001);
  await c.actions.rescue(100006, {
    rootPassword: pw.secretId,
    sshKeys: [key.secretId],
    userData: '#cloud-config',
  });
  await c.actions.resetPassword(100001, { rootPassword: pw.secretId });
  await c.actions.resetPasswordWithCredentials(100001, { password: 'Xyzabc12!!', sshPublicKeys: [SSH_KEY] });
  const s1 = await c.snapshots.create(100006, { name: 'first', description: 'first snapshot' });
  h.sim.control.advance(1000);
  const s2 = await c.snapshots.create(100006, { name: 'second' });
  await c.snapshots.list(100006, { name: 'sec', page: 1, size: 5 });
  await c.snapshots.get(100006, s1.snapshotId);
  await c.snapshots.update(100006, s1.snapshotId, { name: 'first-renamed', description: 'edited' });
  h.sim.control.advance(10_000);
  await c.snapshots.rollback(100006, s1.snapshotId);
  await c.snapshots.create(100006, { name: 'third' });
  await c.snapshots.delete(100006, (await c.snapshots.list(100006)).items.at(-1)!.snapshotId);
  expect(s2.snapshotId).not.toBe(s1.snapshotId);
  await c.images.list({ standardImage: true, name: 'ubuntu', search: 'linux', page: 1, size: 50 });
  await c.images.listAll();
  await c.images.get(IMAGE_IDS.windows2022);
  await c.audits.instanceActions({ instanceId: 100001, startDate: '2000-01-01', endDate: '2100-01-01' });
  await c.audits.instances({ requestId: '04e0f898-37b4-48bc-a794-1a57abe6aa31' });
  await c.audits.findByRequestId(
    h.metrics.find((m) => m.pathTemplate === '/v1/compute/instances')!.requestId,
  );
  await c.secrets.delete(key.secretId);
  await networkScenario();

  // Error answers (bodies validated against Contabo's {statusCode, message} shape).
  const fails = async (p: Promise<unknown>) => expect(p).rejects.toBeTruthy();
  await fails(c.instances.get(42));
  await fails(
    c.snapshots
      .create(100001, { name: 'a' })
      .then(() => c.snapshots.create(100001, { name: 'b' }))
      .then(
        () => c.snapshots.create(100001, { name: 'c' }), // 402 quota
      ),
  );
  await fails(c.actions.resetPassword(100005, {})); // Windows → 400
  h.sim.control.injectFault({ kind: 'rate_limit', count: 1, pathPattern: '^/v1/secrets$' });
  await c.secrets.list(); // 429 then retried
  h.sim.control.injectFault({
    kind: 'server_error',
    status: 503,
    count: 1,
    pathPattern: '^/v1/compute/images$',
  });
  await c.images.list();
}

/** Reverse DNS and firewalls: every operation once, plus the errors the server page relies on. */
async function networkScenario(): Promise<void> {
  const c = h.client;
  const inst = await c.instances.get(100001);
  const v4 = inst.ipConfig.v4!.ip!;
  const v6 = inst.ipConfig.v6!.ip!;
  const list = await c.ptrs.list({ ips: [v4, v6], page: 1, size: 10 });
  expect(list.items.map((p) => p.ip)).toEqual([v4]); // IPv6 has no PTR until one is created
  expect((await c.ptrs.get(v4)).ptr).toBe('vmi100001.contaboserver.net');
  await c.ptrs.update(v4, 'mail.example.com');
  expect((await c.ptrs.get(v4)).ptr).toBe('mail.example.com');
  await expect(c.ptrs.get(v6)).rejects.toMatchObject({ code: 'not_found' });
  await c.ptrs.create({ ip: v6, ptr: 'v6.example.com', ttl: 86400 });
  await c.ptrs.update(v6, 'host6.example.com');
  expect((await c.ptrs.list({ search: 'host6' })).items.map((p) => p.ip)).toEqual([v6]);
  await c.ptrs.delete(v6);
  await expect(c.ptrs.get('192.0.2.250')).rejects.toMatchObject({ status: 404 });

  const presets = await c.firewalls.presetRules({ name: 'ss' });
  expect(presets.map((p) => p.name)).toEqual(['SSH']);
  const ssh = presets[0]!.macro.inbound;
  const fw = await c.firewalls.create({
    name: 'cv-test',
    description: 'server page',
    status: 'active',
    rules: { inbound: ssh.map((r) => ({ ...r, destPorts: r.destPorts, displayName: 'SSH' })) },
  });
  expect(fw.rules.inbound[0]).toMatchObject({ protocol: 'tcp', destPorts: ['22'] });
  await c.firewalls.assign(fw.firewallId, 100001);
  await expect(c.firewalls.delete(fw.firewallId)).rejects.toMatchObject({ status: 409 });
  const updated = await c.firewalls.setRules(fw.firewallId, {
    rules: {
      inbound: [
        {
          protocol: 'tcp',
          destPorts: ['80', '8000-8100'],
          srcCidr: { ipv4: ['203.0.113.0/24'], ipv6: ['AnyIPv6'] },
          action: 'accept',
          status: 'active',
        },
        {
          protocol: 'icmp',
          destPorts: [],
          srcCidr: { ipv4: ['AnyIPv4'] },
          action: 'accept',
          status: 'active',
        },
      ],
    },
  });
  expect(updated.rules.inbound).toHaveLength(2);
  await c.firewalls.patch(fw.firewallId, { status: 'inactive', name: 'cv-test-2', description: 'x' });
  const got = await c.firewalls.get(fw.firewallId);
  expect(got).toMatchObject({ status: 'inactive', name: 'cv-test-2' });
  expect(got.instances.map((i) => i.instanceId)).toEqual([100001]);
  expect((await c.firewalls.list({ instanceIds: [100001], name: 'cv', page: 1 })).items).toHaveLength(1);
  await c.firewalls.unassign(fw.firewallId, 100001);
  await c.firewalls.delete(fw.firewallId);
  await expect(c.firewalls.get(fw.firewallId)).rejects.toMatchObject({ status: 404 });
}

/** Hand-made invalid requests, so that the simulator's validation errors are checked too. */
async function rawErrors(): Promise<void> {
  source = 'raw';
  const doFetch = recordingFetch(log, () => 'raw');
  const tokenRes = await fetch(h.sim.authUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', ...credentialsForm() }),
  });
  const { access_token } = (await tokenRes.json()) as { access_token: string };
  const headers = () => ({
    authorization: `Bearer ${access_token}`,
    'x-request-id': crypto.randomUUID(),
    'content-type': 'application/json',
  });
  const post = (path: string, body: unknown) =>
    doFetch(`${h.sim.apiUrl}${path}`, { method: 'POST', headers: headers(), body: JSON.stringify(body) });
  await post('/v1/compute/instances', { period: 3, region: 'MARS', displayName: 'x'.repeat(300) });
  await post('/v1/compute/instances/100001/snapshots', { name: 'bad/name!', description: '' });
  await post('/v1/secrets', { name: 'weak', type: 'password', value: 'weakpassword' });
  await post('/v1/compute/instances/100001/actions/rescue', { rootPassword: 999999 });
  await doFetch(`${h.sim.apiUrl}/v1/compute/instances/abc`, { headers: headers() });
  await doFetch(`${h.sim.apiUrl}/v1/dns/ptrs/203.0.113.2`, {
    method: 'PUT',
    headers: headers(),
    body: JSON.stringify({ ptr: 'not a host name!' }),
  });
  await post('/v1/firewalls', {
    name: 'bad',
    status: 'active',
    rules: {
      inbound: [
        {
          protocol: 'tcp',
          destPorts: ['0', '70000', 'x'],
          srcCidr: { ipv4: ['nope'] },
          action: 'drop',
          status: 'active',
        },
      ],
    },
  });
  await post('/v1/firewalls', { status: 'on' });
  await doFetch(`${h.sim.apiUrl}/v1/compute/instances`, { headers: { 'x-request-id': crypto.randomUUID() } });
  source = 'client';
}

function credentialsForm() {
  const c = h.sim.credentials;
  return { client_id: c.clientId, client_secret: c.clientSecret, username: c.username, password: c.password };
}

describe('OpenAPI spec validation', () => {
  it(`reads the spec from ${specPath()}`, () => {
    expect(validator.findOperation('GET', '/v1/compute/instances/audits')?.op.operationId).toBe(
      'retrieveInstancesAuditsList',
    );
    expect(validator.findOperation('GET', '/v1/compute/instances/123')?.op.operationId).toBe(
      'retrieveInstance',
    );
  });

  it('client requests and simulator responses conform for every operation', async () => {
    await scenario();
    await rawErrors();
    const api = log.filter((e) => !e.url.startsWith(h.sim.authUrl));
    const covered = new Set(
      api.map((e) => validator.findOperation(e.method, new URL(e.url).pathname)?.op.operationId),
    );
    expect(OPERATIONS.filter((op) => !covered.has(op))).toEqual([]);
    const statuses = new Set(api.map((e) => e.status));
    for (const s of [200, 201, 204, 400, 401, 402, 404, 429, 503]) expect(statuses).toContain(s);

    const problems: string[] = [];
    for (const ex of api) {
      if (ex.source === 'client') problems.push(...validator.validateRequest(ex));
      problems.push(...validator.validateResponse(ex));
    }
    expect(problems).toEqual([]);

    const token = log.filter((e) => e.url.startsWith(h.sim.authUrl));
    expect(token.length).toBeGreaterThan(0);
    for (const t of token) {
      const form = new URLSearchParams(t.body ?? '');
      expect(t.headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(form.get('grant_type')).toBe('password');
      for (const k of ['client_id', 'client_secret', 'username', 'password'])
        expect(form.get(k)).toBeTruthy();
    }
  });

  it('the validator itself catches non-conforming traffic', () => {
    const base = `${h.sim.apiUrl}/v1/compute/instances/100001`;
    const bad: RecordedExchange = {
      source: 'client',
      method: 'GET',
      url: base,
      headers: { 'x-request-id': 'nope' },
      body: '{}',
      status: 200,
      responseText: JSON.stringify({ data: [{ instanceId: 'x', status: 'flying' }], _links: {} }),
    };
    const reqErrors = validator.validateRequest(bad).join('\n');
    expect(reqErrors).toMatch(/x-request-id/);
    expect(reqErrors).toMatch(/Authorization/);
    expect(reqErrors).toMatch(/no request body/);
    const resErrors = validator.validateResponse(bad).join('\n');
    expect(resErrors).toMatch(/instanceId must be integer/);
    expect(resErrors).toMatch(/status must be equal to one of the allowed values/);
    expect(resErrors).toMatch(/must have required property 'self'/);
    expect(validator.validateResponse({ ...bad, status: 201 })).toEqual([
      'retrieveInstance 201 response: status not declared in the spec',
    ]);
    expect(
      validator.validateResponse({ ...bad, status: 404, responseText: '{"error":"x"}' }).length,
    ).toBeGreaterThan(0);
  });
});
