// Simulated Contabo endpoints: snapshots (with per-product quota and rollback semantics), images and secrets.
import { isValidSecretPassword } from '../schemas.ts';
import { STANDARD_IMAGES } from './catalog.ts';
import { presentImage, presentSecret, presentSnapshot } from './presenters.ts';
import { assertValid, httpError, intParam, paginate, q, single, validateBody } from './http-kit.ts';
import type { FieldRule, SimRequest, SimRoute } from './http-kit.ts';
import type { SimInstance, SimSnapshot } from './state.ts';

const SNAPS = '/v1/compute/instances/{instanceId}/snapshots';
const snapshotRules = (required: boolean): Record<string, FieldRule> => ({
  name: {
    type: 'string',
    required,
    minLength: 1,
    maxLength: 30,
    pattern: /^[A-Za-z0-9 -]*$/,
    patternMessage: 'name may only contain letters, numbers, spaces and dashes',
  },
  description: { type: 'string', minLength: 1, maxLength: 255 },
});

function instanceOr404(req: SimRequest): SimInstance {
  const id = intParam(req.params.instanceId, 'instanceId');
  const inst = req.state.findInstance(id);
  if (!inst) throw httpError(404, `Entry Instances not found by instanceId: ${id}`);
  return inst;
}

function snapshotsOf(req: SimRequest, inst: SimInstance): SimSnapshot[] {
  let list = req.state.snapshots.get(inst.instanceId);
  if (!list) req.state.snapshots.set(inst.instanceId, (list = []));
  return list;
}

function snapshotOr404(req: SimRequest): { inst: SimInstance; list: SimSnapshot[]; snap: SimSnapshot } {
  const inst = instanceOr404(req);
  const list = snapshotsOf(req, inst);
  const snap = list.find((s) => s.snapshotId === req.params.snapshotId);
  if (!snap) throw httpError(404, `Entry Snapshot not found by snapshotId: ${req.params.snapshotId ?? ''}`);
  return { inst, list, snap };
}

const selfOf = (s: SimSnapshot) => `/v1/compute/instances/${s.instanceId}/snapshots/${s.snapshotId}`;

const snapshotRoutes: SimRoute[] = [
  {
    method: 'GET',
    template: SNAPS,
    operationId: 'retrieveSnapshotList',
    handler: (req) => {
      const inst = instanceOr404(req);
      const name = q(req.query, 'name')?.toLowerCase();
      const items = snapshotsOf(req, inst).filter((s) => !name || s.name.toLowerCase().includes(name));
      const path = `/v1/compute/instances/${inst.instanceId}/snapshots`;
      return { status: 200, body: paginate(items, req.query, path, (s) => presentSnapshot(req.state, s)) };
    },
  },
  {
    method: 'POST',
    template: SNAPS,
    operationId: 'createSnapshot',
    handler: (req) => {
      const inst = instanceOr404(req);
      assertValid(validateBody(req.body, snapshotRules(true)));
      const list = snapshotsOf(req, inst);
      const limit = req.state.snapshotQuota(inst.productId);
      if (list.length >= limit)
        throw httpError(402, `Total snapshots exceed the total max limit of ${limit} snapshots`);
      const b = req.body as { name: string; description?: string };
      const now = req.state.now();
      let seconds = Math.floor(now / 1000);
      const taken = new Set([...req.state.snapshots.values()].flat().map((s) => s.snapshotId));
      while (taken.has(`snap${seconds}`)) seconds += 1;
      const image = STANDARD_IMAGES.find((i) => i.imageId === inst.imageId);
      const snap: SimSnapshot = {
        snapshotId: `snap${seconds}`,
        instanceId: inst.instanceId,
        name: b.name,
        description: b.description ?? b.name,
        createdAt: now,
        imageId: inst.imageId ?? '',
        imageName: image?.name ?? 'custom',
      };
      list.push(snap);
      return { status: 201, body: single(presentSnapshot(req.state, snap), selfOf(snap)) };
    },
  },
  {
    method: 'GET',
    template: `${SNAPS}/{snapshotId}`,
    operationId: 'retrieveSnapshot',
    handler: (req) => {
      const { snap } = snapshotOr404(req);
      return { status: 200, body: single(presentSnapshot(req.state, snap), selfOf(snap)) };
    },
  },
  {
    method: 'PATCH',
    template: `${SNAPS}/{snapshotId}`,
    operationId: 'updateSnapshot',
    handler: (req) => {
      const { snap } = snapshotOr404(req);
      assertValid(validateBody(req.body, snapshotRules(false)));
      const b = req.body as { name?: string; description?: string };
      if (b.name !== undefined) snap.name = b.name;
      if (b.description !== undefined) snap.description = b.description;
      return { status: 200, body: single(presentSnapshot(req.state, snap), selfOf(snap)) };
    },
  },
  {
    method: 'DELETE',
    template: `${SNAPS}/{snapshotId}`,
    operationId: 'deleteSnapshot',
    handler: (req) => {
      const { list, snap } = snapshotOr404(req);
      list.splice(list.indexOf(snap), 1);
      return { status: 204 };
    },
  },
  {
    method: 'POST',
    template: `${SNAPS}/{snapshotId}/rollback`,
    operationId: 'rollbackSnapshot',
    handler: (req) => {
      const { inst, list, snap } = snapshotOr404(req);
      assertValid(validateBody(req.body, {}));
      if (inst.status === 'provisioning' || inst.status === 'installing') {
        throw httpError(409, `Rollback is not possible while the instance is ${inst.status}`);
      }
      // Spec: rolling back to a snapshot that is not the latest deletes all newer snapshots.
      list.splice(list.indexOf(snap) + 1);
      const back = inst.status;
      // Assumption: the disk is restored while the instance shows `installing`, then returns to its status.
      req.state.transition(inst, 'installing', [{ to: back, afterMs: req.state.timing.actionMs }]);
      req.state.audit('action', 'CREATED', inst.instanceId, req, {
        action: 'rollback',
        snapshotId: snap.snapshotId,
      });
      return { status: 200, body: { _links: { self: `${selfOf(snap)}/rollback` } } };
    },
  },
];

const imageRoutes: SimRoute[] = [
  {
    method: 'GET',
    template: '/v1/compute/images',
    operationId: 'retrieveImageList',
    handler: (req) => {
      const name = q(req.query, 'name')?.toLowerCase();
      const search = q(req.query, 'search')?.toLowerCase();
      const standard = q(req.query, 'standardImage');
      const items = STANDARD_IMAGES.filter(
        (i) =>
          (!name || i.name.toLowerCase().includes(name)) &&
          (!search || `${i.name} ${i.description} ${i.osType}`.toLowerCase().includes(search)) &&
          (standard === undefined || standard === 'true'), // the simulator has no custom images
      );
      const body = paginate(items, req.query, '/v1/compute/images', (i) => ({
        ...presentImage(req.state, i),
        tags: [],
      }));
      return { status: 200, body };
    },
  },
  {
    method: 'GET',
    template: '/v1/compute/images/{imageId}',
    operationId: 'retrieveImage',
    handler: (req) => {
      const image = STANDARD_IMAGES.find((i) => i.imageId === req.params.imageId);
      if (!image) throw httpError(404, `Entry Image not found by imageId: ${req.params.imageId ?? ''}`);
      return {
        status: 200,
        body: single(presentImage(req.state, image), `/v1/compute/images/${image.imageId}`),
      };
    },
  },
];

function secretOr404(req: SimRequest) {
  const id = intParam(req.params.secretId, 'secretId');
  const secret = req.state.secrets.get(id);
  if (!secret) throw httpError(404, `Entry Secret not found by secretId: ${id}`);
  return secret;
}

const secretRoutes: SimRoute[] = [
  {
    method: 'POST',
    template: '/v1/secrets',
    operationId: 'createSecret',
    handler: (req) => {
      assertValid(
        validateBody(req.body, {
          name: { type: 'string', required: true, minLength: 1, maxLength: 255 },
          value: { type: 'string', required: true, minLength: 8 },
          type: { type: 'string', required: true, oneOf: ['password', 'ssh'] },
        }),
      );
      const b = req.body as { name: string; value: string; type: 'password' | 'ssh' };
      if (b.type === 'password' && !isValidSecretPassword(b.value)) {
        throw httpError(400, [
          'value must contain upper and lower case characters and either one number with two special characters ' +
            '!@#$^&*?_~ or at least three numbers with one special character !@#$^&*?_~',
        ]);
      }
      if (b.type === 'ssh' && !/^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-\S+) \S+/.test(b.value)) {
        throw httpError(400, ['value must be a valid public SSH key']);
      }
      const now = req.state.now();
      const secret = { secretId: req.state.newSecretId(), ...b, createdAt: now, updatedAt: now };
      req.state.secrets.set(secret.secretId, secret);
      return {
        status: 201,
        body: single(presentSecret(req.state, secret), `/v1/secrets/${secret.secretId}`),
      };
    },
  },
  {
    method: 'GET',
    template: '/v1/secrets',
    operationId: 'retrieveSecretList',
    handler: (req) => {
      const name = q(req.query, 'name')?.toLowerCase();
      const type = q(req.query, 'type');
      const items = [...req.state.secrets.values()].filter(
        (s) => (!name || s.name.toLowerCase().includes(name)) && (!type || s.type === type),
      );
      // The spec marks `value` as required in SecretResponse, so lists carry it as well.
      return {
        status: 200,
        body: paginate(items, req.query, '/v1/secrets', (s) => presentSecret(req.state, s)),
      };
    },
  },
  {
    method: 'GET',
    template: '/v1/secrets/{secretId}',
    operationId: 'retrieveSecret',
    handler: (req) => {
      const s = secretOr404(req);
      return { status: 200, body: single(presentSecret(req.state, s), `/v1/secrets/${s.secretId}`) };
    },
  },
  {
    method: 'DELETE',
    template: '/v1/secrets/{secretId}',
    operationId: 'deleteSecret',
    handler: (req) => {
      req.state.secrets.delete(secretOr404(req).secretId);
      return { status: 204 };
    },
  },
];

export const resourceRoutes: SimRoute[] = [...snapshotRoutes, ...imageRoutes, ...secretRoutes];
