// Simulated Contabo firewalls: create/get/list/put/patch/delete, assign/unassign instances, preset rules.
// Assumptions where the spec is silent are marked as such.
import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import { assertValid, httpError, intParam, paginate, q, single, validateBody } from './http-kit.ts';
import type { SimRequest, SimRoute } from './http-kit.ts';
import { ipConfigOf, regionOf } from './presenters.ts';
import type { SimFirewall, SimFirewallRule, SimInstance, SimState } from './state.ts';

const FW = '/v1/firewalls';
const PORT = /^(\d{1,5})(?:-(\d{1,5}))?$/;
const IPV4_CIDR = /^(\d{1,3})(\.\d{1,3}){3}(\/\d{1,2})?$/;

/** class-validator style messages for `rules.inbound[]`; an empty list is fine. */
function ruleErrors(rules: unknown): string[] {
  if (rules === undefined) return [];
  if (!rules || typeof rules !== 'object' || !Array.isArray((rules as { inbound?: unknown }).inbound))
    return ['rules.inbound must be an array'];
  const out: string[] = [];
  (rules as { inbound: unknown[] }).inbound.forEach((rule, i) => {
    const at = `rules.inbound.${i}`;
    const errs = validateBody(rule, {
      protocol: { type: 'string', required: true, oneOf: ['tcp', 'udp', 'icmp', ''] },
      destPorts: { type: 'stringArray', required: true },
      srcCidr: { type: 'object', required: true },
      action: { type: 'string', required: true, oneOf: ['accept', 'drop'] },
      status: { type: 'string', required: true, oneOf: ['active', 'inactive'] },
      displayName: { type: 'string', maxLength: 255 },
    }).map((m) => `${at}.${m}`);
    out.push(...errs);
    if (errs.length) return;
    const r = rule as {
      protocol: string;
      destPorts: string[];
      srcCidr: Record<string, unknown>;
      action: string;
    };
    if (r.action !== 'accept') out.push(`${at}.action: currently only accept is supported`);
    if (r.protocol === 'icmp' && r.destPorts.length) out.push(`${at}.destPorts is not available for icmp`);
    if (r.destPorts.length > 15) out.push(`${at}.destPorts must contain no more than 15 elements`);
    for (const port of r.destPorts) {
      const m = PORT.exec(port);
      const lo = Number(m?.[1]);
      const hi = Number(m?.[2] ?? m?.[1]);
      if (!m || lo < 1 || hi > 65535 || lo > hi)
        out.push(`${at}.destPorts ${port} is not a valid port or range`);
    }
    const v4 = r.srcCidr.ipv4 ?? [];
    const v6 = r.srcCidr.ipv6 ?? [];
    if (
      !Array.isArray(v4) ||
      v4.some((c) => typeof c !== 'string' || (c !== 'AnyIPv4' && !IPV4_CIDR.test(c)))
    )
      out.push(`${at}.srcCidr.ipv4 must be IPv4 CIDRs or AnyIPv4`);
    if (
      !Array.isArray(v6) ||
      v6.some((c) => typeof c !== 'string' || (c !== 'AnyIPv6' && isIP(c.split('/')[0] ?? '') !== 6))
    )
      out.push(`${at}.srcCidr.ipv6 must be IPv6 CIDRs or AnyIPv6`);
  });
  return out;
}

function toRules(rules: unknown): SimFirewallRule[] {
  const inbound = (rules as { inbound?: Array<Record<string, unknown>> } | undefined)?.inbound ?? [];
  return inbound.map((r) => {
    const src = (r.srcCidr ?? {}) as { ipv4?: string[]; ipv6?: string[] };
    return {
      protocol: String(r.protocol),
      destPorts: [...(r.destPorts as string[])],
      srcCidr: { ipv4: [...(src.ipv4 ?? [])], ipv6: [...(src.ipv6 ?? [])] },
      action: String(r.action),
      status: String(r.status),
      displayName: typeof r.displayName === 'string' ? r.displayName : '',
    };
  });
}

function presentFirewall(state: SimState, fw: SimFirewall) {
  const instances = fw.instanceIds
    .map((id) => state.findInstance(id))
    .filter((i): i is SimInstance => Boolean(i));
  return {
    tenantId: state.tenantId,
    customerId: state.customerId,
    firewallId: fw.firewallId,
    name: fw.name,
    description: fw.description,
    status: fw.status,
    // Assumption: rules reach an instance right away (the live API may show `processing` first).
    instanceStatus: instances.map((i) => ({ instanceId: i.instanceId, status: 'ok' })),
    instances: instances.map((i) => ({
      instanceId: i.instanceId,
      displayName: i.displayName,
      name: i.name,
      productId: i.productId,
      ipConfig: ipConfigOf(i),
      regionSlug: i.region,
      regionName: regionOf(i).regionName,
      dataCenterSlug: `${i.region}1`,
      dataCenterName: regionOf(i).dataCenter,
    })),
    rules: { inbound: fw.rules },
    createdDate: new Date(fw.createdAt).toISOString(),
    updatedDate: new Date(fw.updatedAt).toISOString(),
  };
}

function firewallOr404(req: SimRequest): SimFirewall {
  const fw = req.state.firewalls.get(req.params.firewallId ?? '');
  if (!fw) throw httpError(404, `Entry Firewall not found by firewallId: ${req.params.firewallId ?? ''}`);
  return fw;
}

const one = (state: SimState, fw: SimFirewall) =>
  single(presentFirewall(state, fw), `${FW}/${fw.firewallId}`);

function assignment(req: SimRequest): { fw: SimFirewall; inst: SimInstance; links: object } {
  const fw = firewallOr404(req);
  const id = intParam(req.params.instanceId, 'instanceId');
  const inst = req.state.findInstance(id);
  if (!inst) throw httpError(404, `Entry Instances not found by instanceId: ${id}`);
  const links = {
    _links: {
      self: `${FW}/${fw.firewallId}/instances/${id}`,
      firewall: `${FW}/${fw.firewallId}`,
      instance: `/v1/compute/instances/${id}`,
    },
  };
  return { fw, inst, links };
}

const PRESETS: Array<{ name: string; protocol: string; ports: string[] }> = [
  { name: 'SSH', protocol: 'tcp', ports: ['22'] },
  { name: 'HTTP', protocol: 'tcp', ports: ['80'] },
  { name: 'HTTPS', protocol: 'tcp', ports: ['443'] },
  { name: 'RDP', protocol: 'tcp', ports: ['3389'] },
  { name: 'DNS', protocol: 'udp', ports: ['53'] },
  { name: 'ICMP', protocol: 'icmp', ports: [] },
];

export const firewallRoutes: SimRoute[] = [
  {
    method: 'GET',
    template: FW,
    operationId: 'retrieveFirewallList',
    handler: (req) => {
      const name = q(req.query, 'name')?.toLowerCase();
      const ids = q(req.query, 'instanceIds')
        ?.split(',')
        .map((s) => Number(s.trim()));
      const items = [...req.state.firewalls.values()].filter(
        (f) =>
          (!name || f.name.toLowerCase().includes(name)) &&
          (!ids || f.instanceIds.some((id) => ids.includes(id))),
      );
      return { status: 200, body: paginate(items, req.query, FW, (f) => presentFirewall(req.state, f)) };
    },
  },
  {
    method: 'POST',
    template: FW,
    operationId: 'createFirewall',
    handler: (req) => {
      assertValid(
        validateBody(req.body, {
          name: { type: 'string', required: true, minLength: 1, maxLength: 255 },
          description: { type: 'string', maxLength: 255 },
          status: { type: 'string', required: true, oneOf: ['active', 'inactive'] },
          rules: { type: 'object' },
        }),
      );
      const b = req.body as {
        name: string;
        description?: string;
        status: 'active' | 'inactive';
        rules?: unknown;
      };
      assertValid(ruleErrors(b.rules));
      const now = req.state.now();
      const fw: SimFirewall = {
        firewallId: randomUUID(),
        name: b.name,
        description: b.description ?? '',
        status: b.status,
        rules: toRules(b.rules),
        instanceIds: [],
        createdAt: now,
        updatedAt: now,
      };
      req.state.firewalls.set(fw.firewallId, fw);
      return { status: 201, body: one(req.state, fw) };
    },
  },
  {
    method: 'GET',
    template: `${FW}/preset-rules`,
    operationId: 'retrievePresetRules',
    handler: (req) => {
      const name = q(req.query, 'name')?.toLowerCase();
      const data = PRESETS.filter((p) => !name || p.name.toLowerCase().includes(name)).map((p) => ({
        name: p.name,
        macro: {
          inbound: [
            {
              action: 'accept',
              status: 'active',
              srcCidr: { ipv4: ['AnyIPv4'], ipv6: ['AnyIPv6'] },
              protocol: p.protocol,
              destPorts: p.ports,
            },
          ],
        },
      }));
      return { status: 200, body: { data, _links: { self: `${FW}/preset-rules` } } };
    },
  },
  {
    method: 'GET',
    template: `${FW}/{firewallId}`,
    operationId: 'retrieveFirewall',
    handler: (req) => ({ status: 200, body: one(req.state, firewallOr404(req)) }),
  },
  {
    method: 'PUT',
    template: `${FW}/{firewallId}`,
    operationId: 'putFirewall',
    handler: (req) => {
      const fw = firewallOr404(req);
      assertValid(validateBody(req.body, { rules: { type: 'object' } }));
      const rules = (req.body as { rules?: unknown }).rules;
      assertValid(ruleErrors(rules));
      if (rules !== undefined) fw.rules = toRules(rules);
      fw.updatedAt = req.state.now();
      return { status: 200, body: one(req.state, fw) };
    },
  },
  {
    method: 'PATCH',
    template: `${FW}/{firewallId}`,
    operationId: 'patchFirewall',
    handler: (req) => {
      const fw = firewallOr404(req);
      assertValid(
        validateBody(req.body, {
          name: { type: 'string', minLength: 1, maxLength: 255 },
          status: { type: 'string', oneOf: ['active', 'inactive'] },
          description: { type: 'string' },
        }),
      );
      const b = req.body as Partial<Pick<SimFirewall, 'name' | 'status' | 'description'>>;
      Object.assign(fw, b, { updatedAt: req.state.now() });
      return { status: 200, body: one(req.state, fw) };
    },
  },
  {
    method: 'DELETE',
    template: `${FW}/{firewallId}`,
    operationId: 'deleteFirewall',
    handler: (req) => {
      const fw = firewallOr404(req);
      if (fw.instanceIds.some((id) => req.state.findInstance(id)))
        throw httpError(409, 'A firewall cannot be deleted while instances are assigned to it');
      req.state.firewalls.delete(fw.firewallId);
      return { status: 204 };
    },
  },
  {
    method: 'POST',
    template: `${FW}/{firewallId}/instances/{instanceId}`,
    operationId: 'assignInstanceFirewall',
    handler: (req) => {
      const { fw, inst, links } = assignment(req);
      // Assumption: an instance sits behind one firewall at a time.
      for (const other of req.state.firewalls.values()) {
        if (other !== fw && other.instanceIds.includes(inst.instanceId))
          throw httpError(409, `Instance ${inst.instanceId} is already assigned to another firewall`);
      }
      if (!fw.instanceIds.includes(inst.instanceId)) fw.instanceIds.push(inst.instanceId);
      return { status: 201, body: links };
    },
  },
  {
    method: 'DELETE',
    template: `${FW}/{firewallId}/instances/{instanceId}`,
    operationId: 'unassignInstanceFirewall',
    handler: (req) => {
      const { fw, inst, links } = assignment(req);
      if (!fw.instanceIds.includes(inst.instanceId))
        throw httpError(404, `Instance ${inst.instanceId} is not assigned to firewall ${fw.firewallId}`);
      fw.instanceIds = fw.instanceIds.filter((id) => id !== inst.instanceId);
      return { status: 200, body: links };
    },
  },
];
