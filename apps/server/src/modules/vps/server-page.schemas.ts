import { isIP } from 'node:net';
import { z } from 'zod';
import { ZVpsAction } from './vps.schemas.ts';

/** Cloud-init user data: same limit as at checkout. */
export const USER_DATA_MAX = 16_384;

const contaboPassword = z
  .string()
  .min(8)
  .max(100)
  .describe('≥ 8 chars with upper and lower case and 1 digit + 2 of !@#$^&*?_~ or 3 digits + 1 of them');

export const ZReinstallRequest = z
  .object({
    imageId: z.uuid(),
    sshKeyIds: z.array(z.uuid()).max(10).default([]),
    rootPassword: contaboPassword.optional(),
    generate: z.literal(true).optional(),
    userData: z.string().max(USER_DATA_MAX, 'cloud-init user data is limited to 16 KB').optional(),
    /** The server's name, typed by the customer: reinstalling erases the disk. */
    confirm: z.string().min(1).max(255),
    /** The customer's own account password (step-up). */
    password: z.string().min(1).max(200),
  })
  .refine((b) => Boolean(b.rootPassword) !== Boolean(b.generate), {
    message: 'give either rootPassword or generate: true',
    path: ['rootPassword'],
  });
export type TReinstallRequest = z.infer<typeof ZReinstallRequest>;

export const ZReinstallResponse = z.object({
  action: ZVpsAction,
  generatedPassword: z.string().nullable(),
});

/** A fully qualified host name: at least two labels, a letter-only TLD, at most 253 characters; a final dot is dropped. */
export const ZPtrName = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .transform((v) => v.replace(/\.$/, ''))
  .refine(
    (v) =>
      v.length <= 253 &&
      /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(v) &&
      /\.[a-z]{2,63}$/.test(v),
    { message: 'must be a fully qualified host name such as mail.example.com' },
  );

export const ZRdnsParams = z.object({
  id: z.uuid(),
  ip: z
    .string()
    .max(64)
    .refine((v) => isIP(v) !== 0, { message: 'must be an IPv4 or IPv6 address' }),
});
export const ZRdnsUpdate = z.object({ ptr: ZPtrName });
export const ZRdnsRecord = z.object({
  ip: z.string(),
  version: z.union([z.literal(4), z.literal(6)]),
  ptr: z.string().nullable(),
});
export const ZRdnsList = z.object({ items: z.array(ZRdnsRecord) });
export type TRdnsRecord = z.infer<typeof ZRdnsRecord>;

const ZPortOrRange = z
  .string()
  .regex(/^\d{1,5}(-\d{1,5})?$/, 'a port (22) or a range (8000-8100)')
  .refine(
    (v) => {
      const [lo, hi = lo] = v.split('-').map(Number);
      return lo! >= 1 && hi! <= 65535 && lo! <= hi!;
    },
    { message: 'ports go from 1 to 65535, ranges low-high' },
  );
const ZSource = z
  .string()
  .trim()
  .max(50)
  .refine(
    (v) => {
      const [addr = '', bits, extra] = v.split('/');
      const version = isIP(addr);
      if (!version || extra !== undefined) return false;
      if (bits === undefined) return true;
      const n = /^\d{1,3}$/.test(bits) ? Number(bits) : -1;
      return n >= 0 && n <= (version === 4 ? 32 : 128);
    },
    { message: 'an IPv4/IPv6 address or CIDR such as 203.0.113.0/24' },
  );

export const ZFirewallRule = z
  .object({
    direction: z.literal('inbound').default('inbound'),
    protocol: z.enum(['tcp', 'udp', 'icmp', 'any']),
    ports: z.array(ZPortOrRange).max(15).default([]),
    /** Empty means from anywhere (IPv4 and IPv6). */
    sources: z.array(ZSource).max(20).default([]),
    description: z.string().trim().max(100).nullable().optional(),
  })
  .refine((r) => r.protocol !== 'icmp' || r.ports.length === 0, {
    message: 'ICMP rules have no ports',
    path: ['ports'],
  })
  .refine((r) => r.protocol === 'icmp' || r.protocol === 'any' || r.ports.length > 0, {
    message: 'TCP and UDP rules need at least one port',
    path: ['ports'],
  });

export const FIREWALL_PRESETS = ['ssh', 'web', 'rdp'] as const;
/** Strict: unknown keys (such as a Contabo firewall id) are refused, never used. */
export const ZFirewallInput = z
  .strictObject({
    preset: z.enum(FIREWALL_PRESETS).optional(),
    rules: z.array(ZFirewallRule).max(50).optional(),
    enabled: z.boolean().optional(),
  })
  .refine((b) => !(b.preset && b.rules), { message: 'give a preset or rules, not both', path: ['rules'] });
export type TFirewallInput = z.infer<typeof ZFirewallInput>;

export const ZFirewallView = z.object({
  firewall: z
    .object({
      preset: z.enum(FIREWALL_PRESETS).nullable(),
      enabled: z.boolean(),
      rules: z.array(
        z.object({
          direction: z.literal('inbound'),
          protocol: z.enum(['tcp', 'udp', 'icmp', 'any']),
          ports: z.array(z.string()),
          sources: z.array(z.string()),
          description: z.string().nullable(),
        }),
      ),
      createdAt: z.date(),
      updatedAt: z.date(),
    })
    .nullable(),
});
export type TFirewallView = z.infer<typeof ZFirewallView>;
