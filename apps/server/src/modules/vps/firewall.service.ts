import { isIP } from 'node:net';
import {
  ContaboError,
  type ContaboClient,
  type FirewallRule,
  type FirewallRuleRequest,
} from '@cloud-vertice/contabo';
import type { FirewallRuleJson } from '../../db/schema/index.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { contaboFailure } from './vps.errors.ts';
import type { ServerPageRepo, VpsFirewallRow } from './server-page.repo.ts';
import type { TFirewallInput, TFirewallView } from './server-page.schemas.ts';
import type { Caller, VpsService } from './vps.service.ts';

/** Our presets, built from Contabo's own preset rules (by their names). */
const PRESET_RULES: Record<'ssh' | 'web' | 'rdp', string[]> = {
  ssh: ['SSH'],
  web: ['SSH', 'HTTP', 'HTTPS'],
  rdp: ['RDP'],
};

export interface FirewallServiceDeps {
  vps: VpsService;
  repo: ServerPageRepo;
  contabo: () => ContaboClient;
}

const isNotFound = (e: unknown) => e instanceof ContaboError && e.status === 404;

/** Our rule → Contabo's: no sources means anywhere; a bare address becomes a /32 or /128. */
export function toContaboRule(rule: FirewallRuleJson): FirewallRuleRequest {
  const cidr = (s: string, bits: number) => (s.includes('/') ? s : `${s}/${bits}`);
  const v4 = rule.sources.filter((s) => isIP(s.split('/')[0] ?? '') === 4).map((s) => cidr(s, 32));
  const v6 = rule.sources.filter((s) => isIP(s.split('/')[0] ?? '') === 6).map((s) => cidr(s, 128));
  return {
    protocol: rule.protocol === 'any' ? '' : rule.protocol,
    destPorts: rule.ports,
    srcCidr: rule.sources.length ? { ipv4: v4, ipv6: v6 } : { ipv4: ['AnyIPv4'], ipv6: ['AnyIPv6'] },
    action: 'accept',
    status: 'active',
    ...(rule.description ? { displayName: rule.description } : {}),
  };
}

function fromContaboRule(rule: FirewallRule, description: string): FirewallRuleJson {
  const any = [...rule.srcCidr.ipv4, ...rule.srcCidr.ipv6];
  const specific = any.filter((s) => s !== 'AnyIPv4' && s !== 'AnyIPv6');
  return {
    protocol: rule.protocol === '' ? 'any' : rule.protocol,
    ports: rule.destPorts,
    sources: specific.length === any.length ? specific : [],
    description: rule.displayName || description,
  };
}

function present(row: VpsFirewallRow | undefined): TFirewallView {
  if (!row) return { firewall: null };
  return {
    firewall: {
      preset: (row.preset as 'ssh' | 'web' | 'rdp' | null) ?? null,
      enabled: row.enabled,
      rules: row.rules.map((r) => ({ direction: 'inbound' as const, ...r })),
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    },
  };
}

/**
 * One Contabo firewall per VPS, created, changed and removed only through this service and recorded with its owner.
 * Contabo firewalls are account-wide: a customer reaches one only through the row of a VPS they own.
 */
export function createFirewallService(deps: FirewallServiceDeps) {
  async function rulesFor(input: TFirewallInput, traceId: string): Promise<FirewallRuleJson[] | null> {
    if (input.rules) {
      return input.rules.map((r) => ({
        protocol: r.protocol,
        ports: r.ports,
        sources: r.sources,
        description: r.description ?? null,
      }));
    }
    if (!input.preset) return null;
    let presets;
    try {
      presets = await deps.contabo().firewalls.presetRules({}, { traceId });
    } catch (error) {
      throw contaboFailure(error, 'firewall preset lookup');
    }
    return PRESET_RULES[input.preset].flatMap((name) => {
      const preset = presets.find((p) => p.name.toLowerCase() === name.toLowerCase());
      if (!preset) throw new AppError('contabo_error', `Our provider does not offer the ${name} preset now.`);
      return preset.macro.inbound.map((r) => fromContaboRule(r, name));
    });
  }

  async function owned(caller: Caller, id: string) {
    const vps = await deps.vps.own(caller, id);
    deps.vps.assertActive(vps);
    return vps;
  }

  return {
    async get(caller: Caller, id: string): Promise<TFirewallView> {
      const vps = await owned(caller, id);
      return present(await deps.repo.firewallOf(vps.id));
    },

    async create(caller: Caller, id: string, input: TFirewallInput): Promise<TFirewallView> {
      const vps = await owned(caller, id);
      if (await deps.repo.firewallOf(vps.id)) {
        throw new AppError('conflict', 'This server already has a firewall; change its rules instead.');
      }
      const rules = await rulesFor(input, `vps:${vps.id}`);
      if (!rules) {
        throw new AppError('validation_error', 'Choose a preset or give rules', [
          { field: 'body.preset', message: 'a preset or rules are required' },
        ]);
      }
      const client = deps.contabo();
      const name = `cv-${vps.id}`;
      const enabled = input.enabled ?? true;
      await deps.vps.runAction(
        caller,
        vps,
        'firewall-create',
        null,
        { preset: input.preset ?? null, rules: rules.length },
        async (traceId) => {
          const request = {
            name,
            description: `Cloud Vértice ${vps.name ?? vps.contaboInstanceId}`.slice(0, 255),
            status: enabled ? ('active' as const) : ('inactive' as const),
            rules: { inbound: rules.map(toContaboRule) },
          };
          let firewallId: string;
          try {
            firewallId = (await client.firewalls.create(request, { traceId })).firewallId;
          } catch (error) {
            // An unanswered create may still have happened: adopt a firewall with our name, if there is one.
            if (!(error instanceof ContaboError && error.ambiguous)) throw error;
            const found = (await client.firewalls.list({ name }, { traceId })).items.find(
              (f) => f.name === name,
            );
            if (!found) throw error;
            firewallId = found.firewallId;
          }
          const row = await deps.repo.insertFirewall({
            vpsInstanceId: vps.id,
            userId: vps.userId,
            contaboFirewallId: firewallId,
            preset: input.preset ?? null,
            enabled,
            rules,
          });
          try {
            await client.firewalls.assign(firewallId, vps.contaboInstanceId, { traceId });
          } catch (error) {
            await client.firewalls.delete(firewallId, { traceId }).catch(() => undefined);
            if (row) await deps.repo.deleteFirewall(row.id);
            throw error;
          }
        },
        { synchronous: true },
      );
      return present(await deps.repo.firewallOf(vps.id));
    },

    async update(caller: Caller, id: string, input: TFirewallInput): Promise<TFirewallView> {
      const vps = await owned(caller, id);
      const row = await deps.repo.firewallOf(vps.id);
      if (!row) throw notFound('Firewall');
      const rules = await rulesFor(input, `vps:${vps.id}`);
      if (!rules && input.enabled === undefined) {
        throw new AppError('validation_error', 'Nothing to change', [
          { field: 'body', message: 'give a preset, rules or enabled' },
        ]);
      }
      const client = deps.contabo();
      await deps.vps.runAction(
        caller,
        vps,
        'firewall-update',
        null,
        { preset: input.preset ?? null, rules: rules?.length ?? null, enabled: input.enabled ?? null },
        async (traceId) => {
          if (rules) {
            await client.firewalls.setRules(
              row.contaboFirewallId,
              { rules: { inbound: rules.map(toContaboRule) } },
              { traceId },
            );
          }
          if (input.enabled !== undefined && input.enabled !== row.enabled) {
            await client.firewalls.patch(
              row.contaboFirewallId,
              { status: input.enabled ? 'active' : 'inactive' },
              { traceId },
            );
          }
          await deps.repo.updateFirewall(row.id, {
            ...(rules ? { rules, preset: input.preset ?? null } : {}),
            ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
          });
        },
        { synchronous: true },
      );
      return present(await deps.repo.firewallOf(vps.id));
    },

    /** Detaches the server and deletes the firewall (Contabo refuses to delete one with instances attached). */
    async remove(caller: Caller, id: string): Promise<void> {
      const vps = await owned(caller, id);
      const row = await deps.repo.firewallOf(vps.id);
      if (!row) throw notFound('Firewall');
      const client = deps.contabo();
      await deps.vps.runAction(
        caller,
        vps,
        'firewall-delete',
        null,
        {},
        async (traceId) => {
          await client.firewalls
            .unassign(row.contaboFirewallId, vps.contaboInstanceId, { traceId })
            .catch((error: unknown) => {
              if (!isNotFound(error)) throw error;
            });
          await client.firewalls.delete(row.contaboFirewallId, { traceId }).catch((error: unknown) => {
            if (!isNotFound(error)) throw error;
          });
          await deps.repo.deleteFirewall(row.id);
        },
        { synchronous: true },
      );
    },
  };
}

export type FirewallService = ReturnType<typeof createFirewallService>;
