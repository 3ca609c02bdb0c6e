import { and, asc, between, eq, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { vpsInstances, vpsProbeHourly, vpsProbeResults, vpsProbes } from '../../db/schema/index.ts';

export type ProbeResultRow = typeof vpsProbeResults.$inferInsert;

/** One point of a probe chart: a single probe (24 h) or an hour's aggregate (7 d, 30 d). */
export interface ProbePoint {
  at: Date;
  probes: number;
  failures: number;
  latencyAvgMs: number | null;
  latencyMaxMs: number | null;
}

const toDate = (v: unknown) => (v instanceof Date ? v : new Date(String(v)));
const toNumberOrNull = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v)));
/** A server's raw probe results in [from, to]. */
const rawWindow = (vpsId: string, from: Date, to: Date) =>
  and(eq(vpsProbeResults.vpsInstanceId, vpsId), between(vpsProbeResults.at, from, to));

/** The reachability probe: opt-ins, slot claims, raw results, hourly rollups and retention. */
export function createProbeRepo(db: Db) {
  return {
    async setting(vpsId: string) {
      const [row] = await db.select().from(vpsProbes).where(eq(vpsProbes.vpsInstanceId, vpsId));
      return row;
    },

    async setEnabled(vpsId: string, enabled: boolean) {
      const [row] = await db
        .insert(vpsProbes)
        .values({ vpsInstanceId: vpsId, enabled })
        .onConflictDoUpdate({ target: vpsProbes.vpsInstanceId, set: { enabled, updatedAt: new Date() } })
        .returning();
      return row!;
    },

    /** Opted-in servers that are ours to probe: an active service with a recorded public IPv4 address. */
    async enabledTargets() {
      return db
        .select({ id: vpsInstances.id, ipAddress: vpsInstances.ipAddress, osType: vpsInstances.osType })
        .from(vpsProbes)
        .innerJoin(vpsInstances, eq(vpsInstances.id, vpsProbes.vpsInstanceId))
        .where(
          and(
            eq(vpsProbes.enabled, true),
            eq(vpsInstances.serviceStatus, 'active'),
            ne(vpsInstances.ipAddress, ''),
          ),
        );
    },

    /** Claims one probe slot for this process; false when another process (or an earlier run) already has it. */
    async claimSlot(vpsId: string, slot: Date): Promise<boolean> {
      const rows = await db
        .update(vpsProbes)
        .set({ lastSlotAt: slot })
        .where(
          and(
            eq(vpsProbes.vpsInstanceId, vpsId),
            eq(vpsProbes.enabled, true),
            or(isNull(vpsProbes.lastSlotAt), lt(vpsProbes.lastSlotAt, slot)),
          ),
        )
        .returning({ id: vpsProbes.vpsInstanceId });
      return rows.length === 1;
    },

    async insertResult(row: ProbeResultRow): Promise<void> {
      await db.insert(vpsProbeResults).values(row).onConflictDoNothing();
    },

    /** Every probe in the window, one point each (the 24-hour chart). */
    async rawPoints(vpsId: string, from: Date, to: Date): Promise<ProbePoint[]> {
      const rows = await db
        .select()
        .from(vpsProbeResults)
        .where(rawWindow(vpsId, from, to))
        .orderBy(asc(vpsProbeResults.at))
        .limit(2000);
      return rows.map((r) => ({
        at: r.at,
        probes: 1,
        failures: r.error ? 1 : 0,
        latencyAvgMs: r.latencyMs,
        latencyMaxMs: r.latencyMs,
      }));
    },

    /** The raw probes grouped by hour (the 7-day chart: raw results are kept exactly that long). */
    async hourlyFromRaw(vpsId: string, from: Date, to: Date): Promise<ProbePoint[]> {
      const hour = sql`date_trunc('hour', ${vpsProbeResults.at}, 'UTC')`;
      const rows = await db
        .select({
          at: sql<Date>`${hour}`,
          probes: sql<number>`count(*)`,
          failures: sql<number>`count(${vpsProbeResults.error})`,
          latencyAvgMs: sql<number | null>`avg(${vpsProbeResults.latencyMs})`,
          latencyMaxMs: sql<number | null>`max(${vpsProbeResults.latencyMs})`,
        })
        .from(vpsProbeResults)
        .where(rawWindow(vpsId, from, to))
        .groupBy(hour)
        .orderBy(hour);
      return rows.map((r) => ({
        at: toDate(r.at),
        probes: Number(r.probes),
        failures: Number(r.failures),
        latencyAvgMs: toNumberOrNull(r.latencyAvgMs),
        latencyMaxMs: toNumberOrNull(r.latencyMaxMs),
      }));
    },

    /** The hourly rollups (the 30-day chart). */
    async rollups(vpsId: string, from: Date, to: Date): Promise<ProbePoint[]> {
      const rows = await db
        .select()
        .from(vpsProbeHourly)
        .where(and(eq(vpsProbeHourly.vpsInstanceId, vpsId), between(vpsProbeHourly.hour, from, to)))
        .orderBy(asc(vpsProbeHourly.hour))
        .limit(2500);
      return rows.map((r) => ({
        at: r.hour,
        probes: r.probes,
        failures: r.failures,
        latencyAvgMs: r.latencyAvgMs,
        latencyMaxMs: r.latencyMaxMs,
      }));
    },

    /**
     * (Re)computes the rollups of the complete hours in [from, before): idempotent, so a repeated or overlapping run
     * only rewrites the same rows.
     */
    async rollUp(from: Date, before: Date): Promise<void> {
      await db.execute(sql`
        insert into vps_probe_hourly (vps_instance_id, hour, probes, failures, latency_avg_ms, latency_max_ms)
        select vps_instance_id, date_trunc('hour', at, 'UTC'), count(*), count(error),
               round(avg(latency_ms)), max(latency_ms)
        from vps_probe_results
        where at >= ${from.toISOString()}::timestamptz and at < ${before.toISOString()}::timestamptz
        group by 1, 2
        on conflict (vps_instance_id, hour) do update set
          probes = excluded.probes, failures = excluded.failures,
          latency_avg_ms = excluded.latency_avg_ms, latency_max_ms = excluded.latency_max_ms
      `);
    },

    async purge(rawBefore: Date, hourlyBefore: Date): Promise<void> {
      await db.delete(vpsProbeResults).where(lt(vpsProbeResults.at, rawBefore));
      await db.delete(vpsProbeHourly).where(lt(vpsProbeHourly.hour, hourlyBefore));
    },
  };
}

export type ProbeRepo = ReturnType<typeof createProbeRepo>;
