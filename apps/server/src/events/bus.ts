import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { Logger } from '../lib/logger.ts';

/**
 * Live events for the web app (VPS status changes, ticket activity) pushed over Server-Sent Events. On PostgreSQL they travel through
 * LISTEN/NOTIFY so every instance's subscribers see changes made by any instance; embedded PGlite is single-process,
 * so an in-process emitter is enough there.
 */
export interface VpsEvent {
  type: 'vps.status' | 'vps.action';
  vpsId: string;
  userId: string;
  status?: string;
  actionId?: string;
  actionStatus?: string;
  at: string;
}

/** A support ticket changed (new message, status, assignee). Carries no text: subscribers refetch what they may see. */
export interface TicketEvent {
  type: 'ticket.message' | 'ticket.updated';
  ticketId: string;
  /** The ticket's customer. */
  userId: string;
  /** False for internal notes: only staff streams receive it. */
  visibleToCustomer: boolean;
  vpsId?: undefined;
  at: string;
}

export type BusEvent = VpsEvent | TicketEvent;

export const isVpsEvent = (event: BusEvent): event is VpsEvent => event.type.startsWith('vps.');

/**
 * Platform-wide events every instance must act on: admin settings changed (re-read them, e.g. switch the Contabo
 * connection), a notification written for a user or for the staff (push it to their open bells).
 */
export type SystemEvent =
  | { type: 'settings.changed'; keys: string[] }
  | { type: 'notification.created'; userId: string | null; audience: string };

export interface EventBus {
  publish(event: BusEvent): Promise<void>;
  subscribe(listener: (event: BusEvent) => void): () => void;
  publishSystem(event: SystemEvent): Promise<void>;
  subscribeSystem(listener: (event: SystemEvent) => void): () => void;
  close(): Promise<void>;
}

const CHANNEL = 'cv_events';
const SYSTEM_CHANNEL = 'cv_system';

export function createLocalEventBus(): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    async publish(event) {
      emitter.emit('event', event);
    },
    subscribe(listener) {
      emitter.on('event', listener);
      return () => emitter.off('event', listener);
    },
    async publishSystem(event) {
      emitter.emit('system', event);
    },
    subscribeSystem(listener) {
      emitter.on('system', listener);
      return () => emitter.off('system', listener);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}

export async function createPostgresEventBus(options: {
  url: string;
  pool: pg.Pool;
  logger: Logger;
}): Promise<EventBus> {
  const local = createLocalEventBus();
  const listener = new pg.Client({ connectionString: options.url });
  listener.on('notification', (message) => {
    if (!message.payload) return;
    try {
      if (message.channel === SYSTEM_CHANNEL)
        void local.publishSystem(JSON.parse(message.payload) as SystemEvent);
      if (message.channel === CHANNEL) void local.publish(JSON.parse(message.payload) as BusEvent);
    } catch (error) {
      options.logger.warn({ err: error }, 'ignored a malformed event');
    }
  });
  listener.on('error', (error) => options.logger.error({ err: error }, 'event listener connection failed'));
  await listener.connect();
  await listener.query(`listen ${CHANNEL}`);
  await listener.query(`listen ${SYSTEM_CHANNEL}`);
  return {
    async publish(event) {
      await options.pool.query('select pg_notify($1, $2)', [CHANNEL, JSON.stringify(event)]);
    },
    subscribe: local.subscribe,
    async publishSystem(event) {
      await options.pool.query('select pg_notify($1, $2)', [SYSTEM_CHANNEL, JSON.stringify(event)]);
    },
    subscribeSystem: local.subscribeSystem,
    async close() {
      await local.close();
      await listener.end().catch(() => undefined);
    },
  };
}
