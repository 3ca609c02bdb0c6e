// Simulated Contabo reverse DNS: PTR records of the account's instance addresses. Assumptions where the spec is
// silent are marked as such.
import { isIP } from 'node:net';
import { addressesFor } from './catalog.ts';
import { assertValid, httpError, paginate, q, single, validateBody } from './http-kit.ts';
import type { SimRequest, SimRoute } from './http-kit.ts';
import type { SimInstance, SimPtr, SimState } from './state.ts';

const PTR_NAME =
  /^(?=.{1,253}\.?$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.?$/;
const DEFAULT_TTL = 86_400;

/** The instance owning an address, and whether it is its IPv6 address. */
function ownerOf(state: SimState, ip: string): { inst: SimInstance; v6: boolean } | null {
  const needle = ip.toLowerCase();
  for (const inst of state.visibleInstances()) {
    const a = addressesFor(inst.n);
    if (a.v4 === needle) return { inst, v6: false };
    if (a.v6.toLowerCase() === needle) return { inst, v6: true };
  }
  return null;
}

/** IPv4 addresses always have a PTR (default: the host name); IPv6 ones only once created. */
function ptrOf(state: SimState, ip: string): SimPtr | null {
  const owner = ownerOf(state, ip);
  if (!owner) return null;
  const stored = state.ptrs.get(ip.toLowerCase());
  if (stored) return stored;
  return owner.v6 ? null : { ip, ptr: `${owner.inst.name}.contaboserver.net`, ttl: DEFAULT_TTL };
}

const presentPtr = (state: SimState, p: SimPtr) => ({
  tenantId: state.tenantId,
  customerId: state.customerId,
  ip: p.ip,
  ttl: p.ttl,
  ptr: p.ptr,
});

function ptrOr404(req: SimRequest): SimPtr {
  const ip = req.params.ipAddress ?? '';
  const p = isIP(ip) ? ptrOf(req.state, ip) : null;
  if (!p) throw httpError(404, `Entry PtrRecord not found by ipAddress: ${ip}`);
  return p;
}

function checkPtrName(ptr: unknown): void {
  if (typeof ptr === 'string' && !PTR_NAME.test(ptr)) throw httpError(400, ['ptr must be a valid hostname']);
}

export const ptrRoutes: SimRoute[] = [
  {
    method: 'GET',
    template: '/v1/dns/ptrs',
    operationId: 'retrievePtrRecordsList',
    handler: (req) => {
      const { state, query } = req;
      const ipsRaw = query.ips;
      const ips = (Array.isArray(ipsRaw) ? ipsRaw : ipsRaw ? [ipsRaw] : []).flatMap((s) => s.split(','));
      const search = q(query, 'search')?.toLowerCase();
      const all: SimPtr[] = [];
      for (const inst of state.visibleInstances()) {
        const a = addressesFor(inst.n);
        for (const ip of [a.v4, a.v6]) {
          const p = ptrOf(state, ip);
          if (p) all.push(p);
        }
      }
      const items = all.filter(
        (p) =>
          (ips.length === 0 || ips.includes(p.ip)) &&
          (!search || `${p.ip} ${p.ptr}`.toLowerCase().includes(search)),
      );
      return { status: 200, body: paginate(items, query, '/v1/dns/ptrs', (p) => presentPtr(state, p)) };
    },
  },
  {
    method: 'GET',
    template: '/v1/dns/ptrs/{ipAddress}',
    operationId: 'retrievePtrRecord',
    handler: (req) => {
      const p = ptrOr404(req);
      return { status: 200, body: single(presentPtr(req.state, p), `/v1/dns/ptrs/${p.ip}`) };
    },
  },
  {
    method: 'PUT',
    template: '/v1/dns/ptrs/{ipAddress}',
    operationId: 'updatePtrRecord',
    handler: (req) => {
      const p = ptrOr404(req);
      assertValid(validateBody(req.body, { ptr: { type: 'string', required: true, maxLength: 253 } }));
      const ptr = (req.body as { ptr: string }).ptr;
      checkPtrName(ptr);
      req.state.ptrs.set(p.ip.toLowerCase(), { ...p, ptr });
      return { status: 204 };
    },
  },
  {
    method: 'POST',
    template: '/v1/dns/ptrs',
    operationId: 'createPtrRecord',
    handler: (req) => {
      assertValid(
        validateBody(req.body, {
          ip: { type: 'string', required: true },
          ptr: { type: 'string', required: true, maxLength: 253 },
          ttl: { type: 'int', required: true, min: 0 },
        }),
      );
      const b = req.body as { ip: string; ptr: string; ttl: number };
      checkPtrName(b.ptr);
      if (isIP(b.ip) !== 6) throw httpError(400, 'Only IPv6 PTR records can be created');
      const owner = ownerOf(req.state, b.ip);
      if (!owner) throw httpError(404, `Entry Ip not found by ip: ${b.ip}`);
      if (req.state.ptrs.has(b.ip.toLowerCase()))
        throw httpError(409, `PtrRecord for ${b.ip} already exists`);
      const p = { ip: b.ip, ptr: b.ptr, ttl: b.ttl };
      req.state.ptrs.set(b.ip.toLowerCase(), p);
      return { status: 201, body: single(presentPtr(req.state, p), `/v1/dns/ptrs/${b.ip}`) };
    },
  },
  {
    method: 'DELETE',
    template: '/v1/dns/ptrs/{ipAddress}',
    operationId: 'deletePtrRecord',
    handler: (req) => {
      const p = ptrOr404(req);
      if (isIP(p.ip) !== 6) throw httpError(400, 'Only IPv6 PTR records can be deleted');
      req.state.ptrs.delete(p.ip.toLowerCase());
      return { status: 204 };
    },
  },
];
