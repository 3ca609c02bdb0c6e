// Hand-written zod schemas for Contabo's reverse DNS (PTR records) and firewall operations (written from
// ../shared/contabo/openapi.yaml; the spec itself is never copied here). Same policy as schemas.ts: tolerant answers,
// strict requests.
import { z } from 'zod';

const nstr = () =>
  z
    .string()
    .nullish()
    .transform((v) => v ?? '');
const arr = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((v) => v ?? []);

// ---------- PTR records (tag "PTR Records") ----------
export const zPtrRecord = z.object({
  tenantId: z.string(),
  customerId: z.string(),
  ip: z.string(),
  ptr: z.string(),
  ttl: z.number().int(),
});
export type PtrRecord = z.output<typeof zPtrRecord>;

/** A PTR name: a host name of dot-separated labels (letters, digits, inner hyphens), at most 253 characters. */
export const PTR_NAME_PATTERN =
  /^(?=.{1,253}\.?$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.?$/;

export const zUpdatePtrRequest = z.strictObject({ ptr: z.string().regex(PTR_NAME_PATTERN) });
export type UpdatePtrRequest = z.input<typeof zUpdatePtrRequest>;
export const zCreatePtrRequest = z.strictObject({
  ip: z.string().min(2).max(64),
  ptr: z.string().regex(PTR_NAME_PATTERN),
  ttl: z.number().int().min(0).max(2_147_483_647),
});
export type CreatePtrRequest = z.input<typeof zCreatePtrRequest>;

// ---------- firewalls (tag "Firewalls") ----------
export const FIREWALL_PROTOCOLS = ['tcp', 'udp', 'icmp', ''] as const;
export type FirewallProtocol = (typeof FIREWALL_PROTOCOLS)[number];
const zStatus = z.enum(['active', 'inactive']);

const zSrcCidr = z.object({ ipv4: arr(z.string()), ipv6: arr(z.string()) });
export const zFirewallRule = z.object({
  protocol: z.enum(FIREWALL_PROTOCOLS),
  destPorts: arr(z.string()),
  srcCidr: zSrcCidr.nullish().transform((v) => v ?? { ipv4: [], ipv6: [] }),
  action: z.enum(['accept', 'drop']),
  status: zStatus,
  displayName: nstr(),
});
export type FirewallRule = z.output<typeof zFirewallRule>;

export const zFirewall = z.object({
  tenantId: z.string(),
  customerId: z.string(),
  firewallId: z.string().min(1),
  name: z.string(),
  description: nstr(),
  status: zStatus,
  instanceStatus: arr(
    z.object({ instanceId: z.number().int(), status: z.string(), errorMessage: z.string().nullish() }),
  ),
  instances: arr(z.looseObject({ instanceId: z.number().int() })),
  rules: z
    .object({ inbound: arr(zFirewallRule) })
    .nullish()
    .transform((v) => v ?? { inbound: [] }),
  createdDate: z.string().nullish(),
  updatedDate: z.string().nullish(),
});
export type Firewall = z.output<typeof zFirewall>;

/** One inbound rule as sent: ports like "22" or "8000-8100" (at most 15), sources in CIDR or AnyIPv4/AnyIPv6. */
export const zFirewallRuleRequest = z.strictObject({
  protocol: z.enum(FIREWALL_PROTOCOLS),
  destPorts: z.array(z.string().regex(/^\d{1,5}(-\d{1,5})?$/)).max(15),
  srcCidr: z.strictObject({
    ipv4: z.array(z.string().max(43)).max(50).optional(),
    ipv6: z.array(z.string().max(50)).max(50).optional(),
  }),
  action: z.enum(['accept', 'drop']),
  status: zStatus,
  displayName: z.string().max(255).optional(),
});
export type FirewallRuleRequest = z.input<typeof zFirewallRuleRequest>;
const zRulesRequest = z.strictObject({ inbound: z.array(zFirewallRuleRequest).max(100) });

export const zCreateFirewallRequest = z.strictObject({
  name: z.string().min(1).max(255),
  description: z.string().max(255).optional(),
  status: zStatus,
  rules: zRulesRequest.optional(),
});
export type CreateFirewallRequest = z.input<typeof zCreateFirewallRequest>;
export const zPutFirewallRequest = z.strictObject({ rules: zRulesRequest });
export type PutFirewallRequest = z.input<typeof zPutFirewallRequest>;
export const zPatchFirewallRequest = z.strictObject({
  name: z.string().min(1).max(255).optional(),
  status: zStatus.optional(),
  description: z.string().max(255).optional(),
});
export type PatchFirewallRequest = z.input<typeof zPatchFirewallRequest>;

/** A preset rule: its `macro` holds `{ inbound: [...] }` rules ready to be sent. */
export const zPresetRule = z.object({
  name: z.string(),
  macro: z
    .looseObject({ inbound: arr(zFirewallRule) })
    .nullish()
    .transform((v) => ({ inbound: v?.inbound ?? [] })),
});
export type PresetRule = z.output<typeof zPresetRule>;
