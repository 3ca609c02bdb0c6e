import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, updatedAt } from './_columns.ts';
import { users } from './auth.ts';
import { images, products } from './catalog.ts';
import { orders } from './orders.ts';

/** A customer's VPS service: our record of one Contabo instance, its owner and its billing lifecycle. */
export const vpsInstances = pgTable(
  'vps_instances',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    orderId: uuid('order_id').references(() => orders.id),
    contaboInstanceId: bigint('contabo_instance_id', { mode: 'number' }).notNull(),
    productId: uuid('product_id').references(() => products.id),
    contaboProductId: varchar('contabo_product_id', { length: 20 }),
    name: varchar('name', { length: 100 }),
    displayName: varchar('display_name', { length: 255 }),
    /** Contabo's instance status as last seen (running, stopped, provisioning, rescue, …). */
    status: varchar('status', { length: 50 }).notNull().default('unknown'),
    /** Our service state: active | suspended | terminated | cancelled */
    serviceStatus: varchar('service_status', { length: 20 }).notNull().default('active'),
    ipAddress: varchar('ip_address', { length: 45 }),
    ipV6Address: varchar('ip_v6_address', { length: 64 }),
    gateway: varchar('gateway', { length: 45 }),
    gatewayV6: varchar('gateway_v6', { length: 64 }),
    netmaskCidr: integer('netmask_cidr'),
    netmaskCidrV6: integer('netmask_cidr_v6'),
    macAddress: varchar('mac_address', { length: 17 }),
    region: varchar('region', { length: 20 }),
    imageId: uuid('image_id').references(() => images.id),
    contaboImageId: varchar('contabo_image_id', { length: 64 }),
    osType: varchar('os_type', { length: 50 }),
    rootPasswordEncrypted: text('root_password_encrypted'),
    sshKeyIds: jsonb('ssh_key_ids').$type<string[]>().notNull().default([]),
    defaultUser: varchar('default_user', { length: 50 }),
    periodMonths: integer('period_months').notNull().default(1),
    assignedAt: tstz('assigned_at'),
    expiresAt: tstz('expires_at'),
    autoRenew: boolean('auto_renew').notNull().default(true),
    cancelAtPeriodEnd: boolean('cancel_at_period_end').notNull().default(false),
    suspendedAt: tstz('suspended_at'),
    terminatedAt: tstz('terminated_at'),
    contaboCancelDate: varchar('contabo_cancel_date', { length: 10 }),
    /** VNC access recorded by the admin (Contabo's API has no VNC endpoint). */
    vncHost: varchar('vnc_host', { length: 255 }),
    vncPort: integer('vnc_port'),
    vncPasswordEncrypted: text('vnc_password_encrypted'),
    trafficNote: text('traffic_note'),
    statusChangedAt: tstz('status_changed_at'),
    lastSyncedAt: tstz('last_synced_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('vps_instances_contabo_instance_id_unique').on(t.contaboInstanceId),
    index('vps_instances_user_idx').on(t.userId),
    // An order's services (the service ledger follows a change of the order's price).
    index('vps_instances_order_idx').on(t.orderId),
    index('vps_instances_expires_idx').on(t.serviceStatus, t.expiresAt),
  ],
);

/** Status changes seen by the sync or by actions: the uptime/status history shown in the panel. */
export const vpsStatusHistory = pgTable(
  'vps_status_history',
  {
    id: id(),
    vpsInstanceId: uuid('vps_instance_id')
      .notNull()
      .references(() => vpsInstances.id, { onDelete: 'cascade' }),
    fromStatus: varchar('from_status', { length: 50 }),
    toStatus: varchar('to_status', { length: 50 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('vps_status_history_vps_idx').on(t.vpsInstanceId, t.createdAt)],
);

export const snapshots = pgTable(
  'snapshots',
  {
    id: id(),
    vpsInstanceId: uuid('vps_instance_id')
      .notNull()
      .references(() => vpsInstances.id, { onDelete: 'cascade' }),
    contaboSnapshotId: varchar('contabo_snapshot_id', { length: 100 }).notNull(),
    name: varchar('name', { length: 100 }).notNull(),
    description: text('description'),
    sizeMb: integer('size_mb'),
    autoDeleteAt: tstz('auto_delete_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('snapshots_vps_contabo_unique').on(t.vpsInstanceId, t.contaboSnapshotId)],
);

/** Every customer/admin action on a VPS; at most one in flight per VPS (partial unique index). */
export const vpsActions = pgTable(
  'vps_actions',
  {
    id: id(),
    vpsInstanceId: uuid('vps_instance_id')
      .notNull()
      .references(() => vpsInstances.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id),
    actionType: varchar('action_type', { length: 40 }).notNull(),
    /**
     * queued (waiting for its turn in the account's Contabo queue) | requested (being sent) | accepted (Contabo took
     * it; the tracker watches for the expected status) | completed | failed
     */
    status: varchar('status', { length: 20 }).notNull().default('requested'),
    expectedStatus: varchar('expected_status', { length: 50 }),
    contaboRequestId: varchar('contabo_request_id', { length: 64 }),
    errorCode: varchar('error_code', { length: 50 }),
    errorMessage: text('error_message'),
    params: jsonb('params').$type<Record<string, unknown>>().notNull().default({}),
    requestedAt: createdAt(),
    acceptedAt: tstz('accepted_at'),
    completedAt: tstz('completed_at'),
  },
  (t) => [
    index('vps_actions_vps_idx').on(t.vpsInstanceId, t.requestedAt),
    // The console's "Contabo errors in the last hour" alert.
    index('vps_actions_status_completed_idx').on(t.status, t.completedAt),
    uniqueIndex('vps_actions_one_in_flight')
      .on(t.vpsInstanceId)
      .where(sql`${t.status} in ('queued', 'requested', 'accepted')`),
    index('vps_actions_queued_idx')
      .on(t.requestedAt, t.id)
      .where(sql`${t.status} = 'queued'`),
  ],
);
