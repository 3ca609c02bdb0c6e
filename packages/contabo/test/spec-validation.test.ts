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
