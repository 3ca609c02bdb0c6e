// Simulated Contabo endpoints: instances (list/get/create/patch/reinstall/cancel), instance actions and audits.
import { PRODUCTS, STANDARD_IMAGES, addressesFor } from './catalog.ts';
import { presentAudit, presentInstance } from './presenters.ts';
import { assertValid, httpError, intParam, paginate, q, single, validateBody } from './http-kit.ts';
import type { FieldRule, SimRequest, SimRoute } from './http-kit.ts';
import type { SimInstance, SimState, Status } from './state.ts';

const REGIONS = ['EU', 'US-central', 'US-east', 'US-west', 'SIN', 'UK', 'AUS', 'JPN', 'IND'];
const DEFAULT_USERS = ['root', 'admin', 'administrator'];
const BASE = '/v1/compute/instances';

function instanceOr404(req: SimRequest): SimInstance {
  const id = intParam(req.params.instanceId, 'instanceId');
  const inst = req.state.findInstance(id);
  if (!inst) throw httpError(404, `Entry Instances not found by instanceId: ${id}`);
  return inst;
}

/** Unknown secret ids → 404, wrong secret type → 400. */
function checkSecrets(state: SimState, body: { rootPassword?: unknown; sshKeys?: unknown }): void {
  const check = (id: unknown, type: 'password' | 'ssh', field: string) => {
    const s = state.secrets.get(Number(id));
    if (!s) throw httpError(404, `Entry Secret not found by secretId: ${String(id)}`);
    if (s.type !== type)
      throw httpError(400, `Bad Request ${field} ${String(id)} is not a secret of type ${type}`);
  };
  if (body.rootPassword !== undefined) check(body.rootPassword, 'password', 'rootPassword');
  if (Array.isArray(body.sshKeys)) body.sshKeys.forEach((id) => check(id, 'ssh', 'sshKeys'));
}

function imageOr400(imageId: unknown) {
  const image = STANDARD_IMAGES.find((i) => i.imageId === imageId);
  if (!image) throw httpError(400, `Bad Request imageId ${String(imageId)} is wrong`);
  return image;
}

function checkDefaultUser(osType: string, user: unknown): void {
  if (user === undefined) return;
  const allowed = osType === 'Windows' ? ['admin', 'administrator'] : ['admin', 'root'];
  if (!allowed.includes(String(user)))
    throw httpError(400, `defaultUser ${String(user)} is not allowed for ${osType}`);
}

const credentialRules: Record<string, FieldRule> = {
  rootPassword: { type: 'int', min: 0 },
  sshKeys: { type: 'intArray' },
  userData: { type: 'string' },
};

const ref = (state: SimState, inst: SimInstance) => ({
  tenantId: state.tenantId,
  customerId: state.customerId,
  instanceId: inst.instanceId,
  createdDate: new Date(inst.createdAt).toISOString(),
});

function listInstances(req: SimRequest) {
  const { query, state } = req;
  const csv = (k: string) =>
    q(query, k)
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const ids = csv('instanceIds')?.map(Number);
  const products = csv('productIds');
  const search = q(query, 'search')?.toLowerCase();
  const items = state.visibleInstances().filter((i) => {
    if (ids && !ids.includes(i.instanceId)) return false;
    if (products && !products.includes(i.productId)) return false;
    const status = q(query, 'status');
    if (status && !status.split(',').includes(i.status)) return false;
    if (q(query, 'displayName') !== undefined && !i.displayName.includes(q(query, 'displayName') ?? ''))
      return false;
    if (q(query, 'name') !== undefined && i.name !== q(query, 'name')) return false;
    if (q(query, 'region') !== undefined && i.region !== q(query, 'region')) return false;
    if (search) {
      const addr = addressesFor(i.n);
      if (!`${i.name} ${i.displayName} ${addr.v4} ${addr.v6}`.toLowerCase().includes(search)) return false;
    }
    return true;
  });
  items.sort((a, b) => a.instanceId - b.instanceId);
  return { status: 200, body: paginate(items, query, BASE, (i) => presentInstance(state, i)) };
}

function createInstance(req: SimRequest) {
  const { state } = req;
  assertValid(
    validateBody(req.body, {
      productId: { type: 'string', minLength: 1 },
      imageId: { type: 'string' },
      region: { type: 'string', oneOf: REGIONS },
      period: { type: 'int', required: true, oneOf: [1, 12, 24] },
      sshKeys: { type: 'intArray' },
      rootPassword: { type: 'int', min: 0 },
      userData: { type: 'string' },
      defaultUser: { type: 'string', oneOf: DEFAULT_USERS },
      displayName: { type: 'string', maxLength: 255 },
      license: { type: 'string' },
      addOns: { type: 'object' },
      applicationId: { type: 'string' },
    }),
  );
  const b = req.body as Record<string, unknown>;
  const productId = (b.productId as string | undefined) ?? 'V153';
  if (!PRODUCTS[productId]) throw httpError(400, `Bad Request productId ${productId} is wrong`);
  const image = imageOr400(b.imageId ?? 'afecbb85-e2fc-46f0-9684-b46b1faf00bb');
  checkDefaultUser(image.osType, b.defaultUser);
  checkSecrets(state, b);
  const instanceId = state.newInstanceId();
  const inst = state.addInstance({
    instanceId,
    name: `vmi${instanceId}`,
    displayName: (b.displayName as string | undefined) ?? '',
    region: (b.region as string | undefined) ?? 'EU',
    productId,
    imageId: image.imageId,
    osType: image.osType,
    defaultUser: (b.defaultUser as SimInstance['defaultUser'] | undefined) ?? 'admin',
    sshKeys: (b.sshKeys as number[] | undefined) ?? [],
    periodMonths: b.period as number,
    status: 'provisioning',
    createdAt: state.now(),
  });
  const t = state.timing.provisionMs;
  state.transition(inst, 'provisioning', [
    { to: 'installing', afterMs: Math.round(t / 2) },
    { to: 'running', afterMs: t },
  ]);
  state.audit('instance', 'CREATED', instanceId, req, { new: { displayName: inst.displayName, productId } });
  const body = {
    data: [
      {
        tenantId: state.tenantId,
        customerId: state.customerId,
        instanceId,
        createdDate: new Date(inst.createdAt).toISOString(),
        imageId: image.imageId,
        productId,
        region: inst.region,
        addOns: [],
        osType: image.osType,
        status: inst.status,
        sshKeys: inst.sshKeys,
      },
    ],
    _links: { self: `${BASE}/${instanceId}` },
  };
  return { status: 201, body };
}

function patchInstance(req: SimRequest) {
  const inst = instanceOr404(req);
  assertValid(validateBody(req.body, { displayName: { type: 'string', maxLength: 255 } }));
  const displayName = (req.body as { displayName?: string }).displayName;
  if (displayName !== undefined) {
    req.state.audit('instance', 'UPDATED', inst.instanceId, req, {
      prev: { displayName: inst.displayName },
      new: { displayName },
    });
    inst.displayName = displayName;
  }
  return { status: 200, body: single(ref(req.state, inst), `${BASE}/${inst.instanceId}`) };
}

function reinstallInstance(req: SimRequest) {
  const inst = instanceOr404(req);
  assertValid(
    validateBody(req.body, {
      imageId: { type: 'string', required: true },
      ...credentialRules,
      defaultUser: { type: 'string', oneOf: DEFAULT_USERS },
      applicationId: { type: 'string' },
    }),
  );
  const b = req.body as Record<string, unknown>;
  const image = imageOr400(b.imageId);
  checkDefaultUser(image.osType, b.defaultUser);
  checkSecrets(req.state, b);
  req.state.audit('instance', 'UPDATED', inst.instanceId, req, {
    prev: { imageId: inst.imageId },
    new: { imageId: image.imageId },
  });
  inst.imageId = image.imageId;
  inst.osType = image.osType;
  inst.defaultUser = (b.defaultUser as SimInstance['defaultUser'] | undefined) ?? inst.defaultUser;
  inst.sshKeys = (b.sshKeys as number[] | undefined) ?? [];
  req.state.transition(inst, 'installing', [{ to: 'running', afterMs: req.state.timing.provisionMs }]);
  return { status: 200, body: single(ref(req.state, inst), `${BASE}/${inst.instanceId}`) };
}

function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.getTime();
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

function cancelInstance(req: SimRequest) {
  const inst = instanceOr404(req);
  assertValid(validateBody(req.body, { cancelDate: { type: 'string' } }));
  const requested = (req.body as { cancelDate?: string }).cancelDate;
  let date: string;
  if (requested !== undefined) {
    // CancelInstanceRequest.cancelDate is `format: date-time`: a bare day is refused like any other bad format.
    if (!DATE_TIME.test(requested) || Number.isNaN(Date.parse(requested)))
      throw httpError(400, ['cancelDate must be a valid ISO 8601 date-time string']);
    date = new Date(requested).toISOString().slice(0, 10);
  } else {
    // Default: end of the current contract period.
    let end = addMonths(inst.createdAt, inst.periodMonths);
    while (end <= req.state.now()) end = addMonths(end, inst.periodMonths);
    date = new Date(end - 86_400_000).toISOString().slice(0, 10);
  }
  req.state.audit('instance', 'UPDATED', inst.instanceId, req, {
    prev: { cancelDate: inst.cancelDate },
    new: { cancelDate: date },
  });
  inst.cancelDate = date;
  const body = single(
    {
      tenantId: req.state.tenantId,
      customerId: req.state.customerId,
      instanceId: inst.instanceId,
      cancelDate: date,
    },
    `${BASE}/${inst.instanceId}/cancel`,
  );
  return { status: 201, body };
}

type ActionName = 'start' | 'stop' | 'restart' | 'shutdown' | 'rescue' | 'resetPassword';

function action(name: ActionName) {
  return (req: SimRequest) => {
    const inst = instanceOr404(req);
    const { state } = req;
    if (name === 'rescue' || name === 'resetPassword') {
      assertValid(validateBody(req.body, credentialRules));
      checkSecrets(state, req.body as Record<string, unknown>);
    }
    // Assumption (undocumented): no actions while the machine is being (re)installed.
    if (inst.status === 'provisioning' || inst.status === 'installing') {
      throw httpError(409, `Action ${name} is not possible while the instance is ${inst.status}`);
    }
    if (name === 'resetPassword' && inst.osType === 'Windows') {
      throw httpError(400, 'Password reset is only available for Linux instances');
    }
    const ms = state.timing.actionMs;
    const target: Record<ActionName, [Status | null, Status]> = {
      start: [null, 'running'],
      stop: [null, 'stopped'],
      shutdown: [null, 'stopped'],
      restart: [null, 'running'],
      rescue: [null, 'rescue'],
      resetPassword: ['reset_password', 'running'],
    };
    const [immediately, to] = target[name];
    if (!(name === 'start' && inst.status === 'running' && inst.pending.length === 0)) {
      state.transition(inst, immediately, [{ to, afterMs: ms }]);
    }
    state.audit('action', 'CREATED', inst.instanceId, req, { action: name });
    const data = {
      tenantId: state.tenantId,
      customerId: state.customerId,
      instanceId: inst.instanceId,
      action: name,
    };
    return { status: 201, body: single(data, `${BASE}/${inst.instanceId}/actions/${name}`) };
  };
}

function audits(kind: 'instance' | 'action', path: string) {
  return (req: SimRequest) => {
    const { query, state } = req;
    const instanceId = q(query, 'instanceId');
    const requestId = q(query, 'requestId')?.toLowerCase();
    const start = q(query, 'startDate');
    const end = q(query, 'endDate');
    const items = state.audits.filter((a) => {
      const day = new Date(a.timestamp).toISOString().slice(0, 10);
      return (
        a.kind === kind &&
        (instanceId === undefined || a.instanceId === Number(instanceId)) &&
        (requestId === undefined || a.requestId.toLowerCase() === requestId) &&
        (start === undefined || day >= start) &&
        (end === undefined || day <= end)
      );
    });
    return { status: 200, body: paginate(items, query, path, (a) => presentAudit(state, a)) };
  };
}

export const instanceRoutes: SimRoute[] = [
  { method: 'GET', template: BASE, operationId: 'retrieveInstancesList', handler: listInstances },
  { method: 'POST', template: BASE, operationId: 'createInstance', handler: createInstance },
  {
    method: 'GET',
    template: `${BASE}/{instanceId}`,
    operationId: 'retrieveInstance',
    handler: (req) => {
      const inst = instanceOr404(req);
      return { status: 200, body: single(presentInstance(req.state, inst), `${BASE}/${inst.instanceId}`) };
    },
  },
  { method: 'PATCH', template: `${BASE}/{instanceId}`, operationId: 'patchInstance', handler: patchInstance },
  {
    method: 'PUT',
    template: `${BASE}/{instanceId}`,
    operationId: 'reinstallInstance',
    handler: reinstallInstance,
  },
  {
    method: 'POST',
    template: `${BASE}/{instanceId}/cancel`,
    operationId: 'cancelInstance',
    handler: cancelInstance,
  },
  ...(['start', 'stop', 'restart', 'shutdown', 'rescue', 'resetPassword'] as const).map((name) => ({
    method: 'POST',
    template: `${BASE}/{instanceId}/actions/${name}`,
    operationId: name === 'resetPassword' ? 'resetPasswordAction' : name,
    handler: action(name),
  })),
  {
    method: 'GET',
    template: `${BASE}/actions/audits`,
    operationId: 'retrieveInstancesActionsAuditsList',
    handler: audits('action', `${BASE}/actions/audits`),
  },
  {
    method: 'GET',
    template: `${BASE}/audits`,
    operationId: 'retrieveInstancesAuditsList',
    handler: audits('instance', `${BASE}/audits`),
  },
];
