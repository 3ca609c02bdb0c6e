import { isIP } from 'node:net';
import { ContaboError, type ContaboClient } from '@cloud-vertice/contabo';
import { AppError, notFound } from '../../lib/errors.ts';
import { contaboFailure } from './vps.errors.ts';
import type { VpsRow } from './vps.repo.ts';
import type { TRdnsRecord } from './server-page.schemas.ts';
import type { Caller, VpsService } from './vps.service.ts';

/** TTL of PTR records we create (IPv6); Contabo requires one. */
const PTR_TTL_SECONDS = 86_400;

export interface RdnsServiceDeps {
  vps: VpsService;
  contabo: () => ContaboClient;
}

/** The VPS's own addresses, IPv4 first; an address is compared in its canonical lower-case form. */
function addressesOf(vps: VpsRow): Array<{ ip: string; version: 4 | 6 }> {
  const out: Array<{ ip: string; version: 4 | 6 }> = [];
  if (vps.ipAddress) out.push({ ip: vps.ipAddress, version: 4 });
  if (vps.ipV6Address) out.push({ ip: vps.ipV6Address.toLowerCase(), version: 6 });
  return out;
}

function canonical(ip: string): string {
  if (isIP(ip) !== 6) return ip;
  // Expand then re-compress through the URL parser so 2001:DB8:0:0::1 and 2001:db8::1 compare equal.
  return new URL(`http://[${ip}]/`).hostname.slice(1, -1);
}

const isNotFound = (error: unknown) => error instanceof ContaboError && error.status === 404;

/**
 * Reverse DNS for the VPS's own IPv4 and IPv6 addresses only, through Contabo's PTR operations. IPv4 records always
 * exist (Contabo sets a default name); an IPv6 record is created the first time (the spec allows creating IPv6 only).
 */
export function createRdnsService(deps: RdnsServiceDeps) {
  async function ownedAddress(caller: Caller, id: string, ip: string) {
    const vps = await deps.vps.own(caller, id);
    deps.vps.assertActive(vps);
    const wanted = canonical(ip.toLowerCase());
    const address = addressesOf(vps).find((a) => canonical(a.ip) === wanted);
    if (!address) throw notFound('Address');
    return { vps, address };
  }

  return {
    async list(caller: Caller, id: string): Promise<{ items: TRdnsRecord[] }> {
      const vps = await deps.vps.own(caller, id);
      deps.vps.assertActive(vps);
      const client = deps.contabo();
      const items: TRdnsRecord[] = [];
      for (const a of addressesOf(vps)) {
        try {
          const record = await client.ptrs.get(a.ip, { traceId: `vps:${vps.id}` });
          items.push({ ip: a.ip, version: a.version, ptr: record.ptr || null });
        } catch (error) {
          if (!isNotFound(error)) throw contaboFailure(error, 'reverse DNS lookup');
          items.push({ ip: a.ip, version: a.version, ptr: null });
        }
      }
      return { items };
    },

    async update(caller: Caller, id: string, ip: string, ptr: string): Promise<TRdnsRecord> {
      const { vps, address } = await ownedAddress(caller, id, ip);
      const client = deps.contabo();
      await deps.vps.runAction(
        caller,
        vps,
        'rdns-update',
        null,
        { ip: address.ip, ptr },
        async (traceId) => {
          if (address.version === 4) return client.ptrs.update(address.ip, ptr, { traceId });
          try {
            await client.ptrs.get(address.ip, { traceId });
          } catch (error) {
            if (!isNotFound(error)) throw error;
            return client.ptrs.create({ ip: address.ip, ptr, ttl: PTR_TTL_SECONDS }, { traceId });
          }
          return client.ptrs.update(address.ip, ptr, { traceId });
        },
        {
          synchronous: true,
          describeFailure: (error) =>
            error instanceof ContaboError && error.status === 400
              ? new AppError(
                  'validation_error',
                  'Our provider refused this host name. Use a name you control that points to this address.',
                  [{ field: 'body.ptr', message: 'refused by the provider' }],
                )
              : null,
        },
      );
      return { ip: address.ip, version: address.version, ptr };
    },
  };
}

export type RdnsService = ReturnType<typeof createRdnsService>;
