import { bigint, boolean, index, jsonb, pgTable, uuid, varchar } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, updatedAt } from './_columns.ts';
import { users } from './auth.ts';
import { vpsInstances } from './vps.ts';

/** One inbound rule as the customer set it (mapped to Contabo's rule shape when sent). */
export interface FirewallRuleJson {
  protocol: 'tcp' | 'udp' | 'icmp' | 'any';
  ports: string[];
  sources: string[];
  description: string | null;
}

/**
 * The Contabo firewall we created for one VPS (Contabo firewalls are account-wide, so this row is the only link a
 * customer ever has to one: its id is never taken from a request).
 */
export const vpsFirewalls = pgTable('vps_firewalls', {
  id: id(),
  vpsInstanceId: uuid('vps_instance_id')
    .notNull()
    .unique('vps_firewalls_vps_unique')
    .references(() => vpsInstances.id, { onDelete: 'cascade' }),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id),
  contaboFirewallId: varchar('contabo_firewall_id', { length: 64 }).notNull(),
  /** ssh | web | rdp when the rules came from a preset, null for custom rules. */
  preset: varchar('preset', { length: 20 }),
  enabled: boolean('enabled').notNull().default(true),
  rules: jsonb('rules').$type<FirewallRuleJson[]>().notNull().default([]),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/**
 * A browser console session: the one-time ticket (stored hashed, 30 s, bound to user and VPS) and, once used, the
 * relayed session's audit (when, how long, bytes each way, why it ended).
 */
export const vpsConsoleSessions = pgTable(
  'vps_console_sessions',
  {
    id: id(),
    vpsInstanceId: uuid('vps_instance_id')
      .notNull()
      .references(() => vpsInstances.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    ticketHash: varchar('ticket_hash', { length: 64 }).notNull().unique('vps_console_ticket_unique'),
    expiresAt: tstz('expires_at').notNull(),
    startedAt: tstz('started_at'),
    endedAt: tstz('ended_at'),
    bytesToServer: bigint('bytes_to_server', { mode: 'number' }).notNull().default(0),
    bytesToClient: bigint('bytes_to_client', { mode: 'number' }).notNull().default(0),
    endReason: varchar('end_reason', { length: 40 }),
    ip: varchar('ip', { length: 64 }),
    createdAt: createdAt(),
  },
  (t) => [index('vps_console_sessions_vps_idx').on(t.vpsInstanceId, t.createdAt)],
);
