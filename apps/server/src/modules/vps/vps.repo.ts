import { and, count, desc, eq, inArray, lt, ne, sql } from 'drizzle-orm';
import { unitOfWork, type Db, type DbOrTx } from '../../db/client.ts';
import { pageTotal } from '../../lib/pagination.ts';
import { createSshKeysRepo } from '../account/ssh-keys.repo.ts';
import {
  accounts,
  images,
  products,
  snapshots,
  vpsActions,
  vpsInstances,
  vpsStatusHistory,
} from '../../db/schema/index.ts';
import type { VpsEvent } from '../../events/bus.ts';

/** Action states that hold a VPS's single in-flight slot (see the partial unique index). */
export const IN_FLIGHT = ['queued', 'requested', 'accepted'];

export type VpsRow = typeof vpsInstances.$inferSelect;
export type NewVpsRow = typeof vpsInstances.$inferInsert;
export type VpsActionRow = typeof vpsActions.$inferSelect;
export type NewVpsAction = typeof vpsActions.$inferInsert;
export interface VpsWithRefs {
  vps: VpsRow;
  product: { id: string; name: string; contaboProductId: string; snapshotQuota: number } | null;
  imageName: string | null;
  /** The service's unpaid renewal invoice, if any. */
  openInvoice: OpenInvoiceJson | null;
}

/** A server as the panel shows it: its references and the action holding its in-flight slot, if any. */
export interface PanelVps extends VpsWithRefs {
  inFlight: VpsActionRow | null;
}

/** What `recordStatus` wrote: whether the status changed, and the live event that announces the current status. */
export interface StatusRecord {
  changed: boolean;
  event: VpsEvent & { type: 'vps.status'; status: string };
}

/**
 * What recording `status` on `vps` amounts to, apart from the writing: the row's fields to set (`columns`, when it
 * was synced, and the status with when it changed, if it did) and the record `recordStatus` returns.
 */
export function statusChange(
  vps: Pick<VpsRow, 'id' | 'userId' | 'status'>,
  status: string,
  at: Date,
  columns: Partial<NewVpsRow>,
): StatusRecord & { set: Partial<NewVpsRow> } {
  const changed = vps.status !== status;
  return {
    changed,
    set: { ...columns, lastSyncedAt: at, ...(changed ? { status, statusChangedAt: at } : {}) },
    event: { type: 'vps.status', vpsId: vps.id, userId: vps.userId, status, at: at.toISOString() },
  };
}

export interface OpenInvoiceJson {
  id: string;
  invoiceNumber: string | null;
  totalMinor: number;
  currency: string;
  dueAt: string | null;
  status: string;
}

/** The only place that queries VPS tables. */
/**
 * What the Contabo sync compares and writes back: the row's identity and the columns Contabo reports. Every row not
 * terminated is read once a minute; the full row (41 columns) made that read the longest task of a loaded minute.
 */
const TRACKED_COLUMNS = {
  id: vpsInstances.id,
  userId: vpsInstances.userId,
  status: vpsInstances.status,
  contaboInstanceId: vpsInstances.contaboInstanceId,
  ipAddress: vpsInstances.ipAddress,
  ipV6Address: vpsInstances.ipV6Address,
  gateway: vpsInstances.gateway,
  netmaskCidr: vpsInstances.netmaskCidr,
  macAddress: vpsInstances.macAddress,
  osType: vpsInstances.osType,
  contaboProductId: vpsInstances.contaboProductId,
  region: vpsInstances.region,
  contaboImageId: vpsInstances.contaboImageId,
  defaultUser: vpsInstances.defaultUser,
  contaboCancelDate: vpsInstances.contaboCancelDate,
  name: vpsInstances.name,
  displayName: vpsInstances.displayName,
};
export type TrackedVpsRow = Pick<VpsRow, keyof typeof TRACKED_COLUMNS>;

export function createVpsRepo(db: Db) {
  const userKeys = createSshKeysRepo(db);
  const selection = {
    vps: vpsInstances,
    product: {
      id: products.id,
      name: products.name,
      contaboProductId: products.contaboProductId,
      snapshotQuota: products.snapshotQuota,
    },
    imageName: sql<string | null>`coalesce(${images.displayName}, ${images.name})`,
    openInvoice: sql<OpenInvoiceJson | null>`(select json_build_object('id', i.id,
      'invoiceNumber', i.invoice_number, 'totalMinor', i.total_minor, 'currency', i.currency,
      'dueAt', i.due_at, 'status', i.status) from invoices i where i.vps_instance_id = ${vpsInstances.id}
      and i.type = 'invoice' and i.status in ('issued', 'overdue') order by i.due_at limit 1)`,
  };
  const base = () =>
    db
      .select(selection)
      .from(vpsInstances)
      .leftJoin(products, eq(products.id, vpsInstances.productId))
      .leftJoin(images, eq(images.contaboImageId, vpsInstances.contaboImageId));
  /**
   * The panel's reads: the server with its references and the action in its in-flight slot (at most one, by the
   * partial unique index, so the join never repeats a server) in the same query, one round trip instead of two.
   */
  const panelBase = () =>
    db
      .select({ ...selection, inFlight: vpsActions, total: sql<string>`count(*) over ()` })
      .from(vpsInstances)
      .leftJoin(products, eq(products.id, vpsInstances.productId))
      .leftJoin(images, eq(images.contaboImageId, vpsInstances.contaboImageId))
      .leftJoin(
        vpsActions,
        and(eq(vpsActions.vpsInstanceId, vpsInstances.id), inArray(vpsActions.status, IN_FLIGHT)),
      );
  // The panel's reads (every VPS list, detail and action) run these: prepared once instead of building the same SQL
  // from the query builder on each request (the builder was a quarter of the platform's CPU in bench:load). The
  // page carries the owner's total (`count(*) over ()` counts before LIMIT): no second query for it.
  const panelPage = panelBase()
    .where(eq(vpsInstances.userId, sql.placeholder('userId')))
    .orderBy(desc(vpsInstances.assignedAt), desc(vpsInstances.createdAt))
    .limit(sql.placeholder('limit'))
    .offset(sql.placeholder('offset'))
    .prepare('vps_panel_page');
  const panelById = panelBase()
    .where(eq(vpsInstances.id, sql.placeholder('id')))
    .prepare('vps_panel_by_id');
  const countForUser = db
    .select({ n: count() })
    .from(vpsInstances)
    .where(eq(vpsInstances.userId, sql.placeholder('userId')))
    .prepare('vps_count_for_user');
  const withRefsById = base()
    .where(eq(vpsInstances.id, sql.placeholder('id')))
    .prepare('vps_with_refs_by_id');
  const byId = db
    .select()
    .from(vpsInstances)
    .where(eq(vpsInstances.id, sql.placeholder('id')))
    .prepare('vps_by_id');
  const inFlightFor = db
    .select()
    .from(vpsActions)
    .where(and(eq(vpsActions.vpsInstanceId, sql.placeholder('vpsId')), inArray(vpsActions.status, IN_FLIGHT)))
    .prepare('vps_action_in_flight');

  return {
    /** The unit of work the VPS services and the sync run their writes in. */
    transaction: unitOfWork(db),

    /** A page of the user's servers as the panel shows them, and how many they have. */
    async panelPageForUser(
      userId: string,
      page: number,
      pageSize: number,
    ): Promise<{ rows: PanelVps[]; total: number }> {
      const offset = (page - 1) * pageSize;
      const rows = await panelPage.execute({ userId, limit: pageSize, offset });
      const total = await pageTotal(
        rows,
        offset,
        async () => (await countForUser.execute({ userId }))[0]?.n ?? 0,
      );
      return { rows: rows as PanelVps[], total };
    },

    /** One server as the panel shows it. */
    async findForPanel(id: string): Promise<PanelVps | undefined> {
      const [row] = await panelById.execute({ id });
      return row as PanelVps | undefined;
    },

    async findWithRefs(id: string): Promise<VpsWithRefs | undefined> {
      const [row] = await withRefsById.execute({ id });
      return row as VpsWithRefs | undefined;
    },

    async findById(id: string, tx: DbOrTx = db): Promise<VpsRow | undefined> {
      const [row] =
        tx === db
          ? await byId.execute({ id })
          : await tx.select().from(vpsInstances).where(eq(vpsInstances.id, id));
      return row;
    },

    async findByContaboId(contaboInstanceId: number, tx: DbOrTx = db): Promise<VpsRow | undefined> {
      const [row] = await tx
        .select()
        .from(vpsInstances)
        .where(eq(vpsInstances.contaboInstanceId, contaboInstanceId));
      return row;
    },

    async insert(row: NewVpsRow, tx: DbOrTx = db): Promise<VpsRow> {
      const [inserted] = await tx.insert(vpsInstances).values(row).returning();
      return inserted!;
    },

    async update(id: string, patch: Partial<NewVpsRow>, tx: DbOrTx = db): Promise<VpsRow | undefined> {
      const [row] = await tx.update(vpsInstances).set(patch).where(eq(vpsInstances.id, id)).returning();
      return row;
    },

    /**
     * The one place a VPS status is written (sync, action tracker, provisioning): the row's status with when it
     * changed, a `vps_status_history` row when it did change, and the live event for the panel, which the caller
     * publishes once its transaction has committed. `columns` are the other fields read from Contabo in the same
     * pass; `lastSyncedAt` is always moved. Pass `null` instead of a transaction to write it as one statement.
     */
    async recordStatus(
      txOrNull: DbOrTx | null,
      vps: Pick<VpsRow, 'id' | 'userId' | 'status'>,
      status: string,
      at: Date,
      columns: Partial<NewVpsRow> = {},
    ): Promise<StatusRecord> {
      const tx = txOrNull ?? db;
      const { set, ...record } = statusChange(vps, status, at, columns);
      const update = tx.update(vpsInstances).set(set).where(eq(vpsInstances.id, vps.id));
      if (!record.changed) {
        await update;
        return record;
      }
      // The row and its history in one statement: atomic on its own, so the tracker needs no transaction (BEGIN,
      // update, insert, COMMIT were four round trips holding a connection across as many turns of a busy loop).
      await tx.execute(
        sql`with updated as (${update.returning({ id: vpsInstances.id }).getSQL()})
            insert into ${vpsStatusHistory} (vps_instance_id, from_status, to_status, created_at)
            select id, ${vps.status}, ${status}, ${at.toISOString()}::timestamptz from updated`,
      );
      return record;
    },

    /** Every VPS the sync compares with Contabo (all but terminated services). */
    async trackedInstances(): Promise<TrackedVpsRow[]> {
      return db
        .select(TRACKED_COLUMNS)
        .from(vpsInstances)
        .where(ne(vpsInstances.serviceStatus, 'terminated'));
    },

    /** Tracked but gone from the Contabo account: shown as `unknown` so the admin sees it; never deleted. */
    async markMissing(contaboInstanceIds: number[], at: Date): Promise<void> {
      if (!contaboInstanceIds.length) return;
      await db
        .update(vpsInstances)
        .set({ status: 'unknown', lastSyncedAt: at })
        .where(
          and(
            inArray(vpsInstances.contaboInstanceId, contaboInstanceIds),
            ne(vpsInstances.status, 'unknown'),
          ),
        );
    },

    async actionInFlight(vpsId: string): Promise<VpsActionRow | undefined> {
      const [row] = await inFlightFor.execute({ vpsId });
      return row;
    },

    async acceptedActions(): Promise<Array<{ action: VpsActionRow; vps: VpsRow }>> {
      return db
        .select({ action: vpsActions, vps: vpsInstances })
        .from(vpsActions)
        .innerJoin(vpsInstances, eq(vpsInstances.id, vpsActions.vpsInstanceId))
        .where(eq(vpsActions.status, 'accepted'));
    },

    /** Actions a previous process left requested or accepted (boot reconciliation). */
    async actionsLeftInFlight(
      statuses: Array<'requested' | 'accepted'>,
      requestedBefore: Date,
    ): Promise<Array<{ action: VpsActionRow; vps: VpsRow }>> {
      return db
        .select({ action: vpsActions, vps: vpsInstances })
        .from(vpsActions)
        .innerJoin(vpsInstances, eq(vpsInstances.id, vpsActions.vpsInstanceId))
        .where(and(inArray(vpsActions.status, statuses), lt(vpsActions.requestedAt, requestedBefore)));
    },

    /** Inserts an action; `null` when another one is in flight for this VPS (partial unique index). */
    async insertAction(row: typeof vpsActions.$inferInsert, tx: DbOrTx = db): Promise<VpsActionRow | null> {
      const [inserted] = await tx.insert(vpsActions).values(row).onConflictDoNothing().returning();
      return inserted ?? null;
    },

    async updateAction(
      id: string,
      patch: Partial<typeof vpsActions.$inferInsert>,
      tx: DbOrTx = db,
    ): Promise<VpsActionRow | undefined> {
      const [row] = await tx.update(vpsActions).set(patch).where(eq(vpsActions.id, id)).returning();
      return row;
    },

    async listActions(vpsId: string, limit = 100): Promise<VpsActionRow[]> {
      return db
        .select()
        .from(vpsActions)
        .where(eq(vpsActions.vpsInstanceId, vpsId))
        .orderBy(desc(vpsActions.requestedAt))
        .limit(limit);
    },

    async statusHistory(vpsId: string, limit = 100) {
      return db
        .select()
        .from(vpsStatusHistory)
        .where(eq(vpsStatusHistory.vpsInstanceId, vpsId))
        .orderBy(desc(vpsStatusHistory.createdAt))
        .limit(limit);
    },

    async replaceSnapshots(vpsId: string, rows: Array<typeof snapshots.$inferInsert>): Promise<void> {
      await db.transaction(async (tx) => {
        await tx.delete(snapshots).where(eq(snapshots.vpsInstanceId, vpsId));
        if (rows.length) await tx.insert(snapshots).values(rows);
      });
    },

    /** The user's SSH keys among `ids` (the account's repository answers). */
    sshKeysOfUser: (userId: string, ids: string[]) => userKeys.findMany(userId, ids),

    async passwordHashOf(userId: string): Promise<string | null> {
      const [row] = await db
        .select({ password: accounts.password })
        .from(accounts)
        .where(and(eq(accounts.userId, userId), eq(accounts.providerId, 'credential')));
      return row?.password ?? null;
    },
  };
}

export type VpsRepo = ReturnType<typeof createVpsRepo>;
