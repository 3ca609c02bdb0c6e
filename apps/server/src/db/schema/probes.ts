import { boolean, index, integer, pgTable, primaryKey, smallint, uuid, varchar } from 'drizzle-orm/pg-core';
import { createdAt, tstz, updatedAt } from './_columns.ts';
import { vpsInstances } from './vps.ts';

/**
 * The customer's opt-in to the reachability probe of one VPS. `lastSlotAt` is the last probe slot claimed by any
 * process: claiming it with a conditional update is what makes each slot run once across instances.
 */
export const vpsProbes = pgTable('vps_probes', {
  vpsInstanceId: uuid('vps_instance_id')
    .primaryKey()
    .references(() => vpsInstances.id, { onDelete: 'cascade' }),
  enabled: boolean('enabled').notNull().default(false),
  lastSlotAt: tstz('last_slot_at'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/**
 * One probe (a TCP connect to the VPS's SSH or RDP port), kept 7 days. Compact on purpose: no surrogate id, the slot
 * time and the VPS are the key; `error` is null on success (timeout | refused | unreachable | error).
 */
export const vpsProbeResults = pgTable(
  'vps_probe_results',
  {
    vpsInstanceId: uuid('vps_instance_id')
      .notNull()
      .references(() => vpsInstances.id, { onDelete: 'cascade' }),
    at: tstz('at').notNull(),
    latencyMs: integer('latency_ms'),
    error: varchar('error', { length: 12 }),
  },
  (t) => [primaryKey({ columns: [t.vpsInstanceId, t.at] }), index('vps_probe_results_at_idx').on(t.at)],
);

/** Hourly rollups of the probe results, kept 90 days (the 30-day charts read these). */
export const vpsProbeHourly = pgTable(
  'vps_probe_hourly',
  {
    vpsInstanceId: uuid('vps_instance_id')
      .notNull()
      .references(() => vpsInstances.id, { onDelete: 'cascade' }),
    hour: tstz('hour').notNull(),
    probes: smallint('probes').notNull(),
    failures: smallint('failures').notNull(),
    /** Mean and maximum of the successful probes' latency; null when every probe failed. */
    latencyAvgMs: integer('latency_avg_ms'),
    latencyMaxMs: integer('latency_max_ms'),
  },
  (t) => [primaryKey({ columns: [t.vpsInstanceId, t.hour] }), index('vps_probe_hourly_hour_idx').on(t.hour)],
);
