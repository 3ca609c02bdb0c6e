import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { Database, OwnChangeChannel } from '../db/client.ts';
import type { Logger } from '../lib/logger.ts';
import { createNotifyBatcher } from './notify-batch.ts';

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
 * connection), the catalog changed (drop cached reads), a notification written for a user or for the staff (push it to their open bells).
 */
export type SystemEvent =
  | { type: 'settings.changed'; keys: string[] }
  /** Plans, prices, regions or images changed: every instance drops its cached catalog at once. */
  | { type: 'catalog.changed' }
  | { type: 'notification.created'; userId: string | null; audience: string }
  /** A browser console session started: whichever instance holds an older one for this VPS closes it. */
  | { type: 'console.opened'; vpsId: string; sessionId: string };

/** A session, or what the guard reads of a user, changed or was deleted (raised by database triggers on `cv_auth`). */
export interface AuthChange {
  sessionId?: string;
  userId?: string;
}

export interface EventBus {
  publish(event: BusEvent): Promise<void>;
  subscribe(listener: (event: BusEvent) => void): () => void;
  publishSystem(event: SystemEvent): Promise<void>;
  subscribeSystem(listener: (event: SystemEvent) => void): () => void;
  /** Session and user changes committed by any process; `null` when some may have been missed (listener was down). */
  subscribeAuth(listener: (change: AuthChange | null) => void): () => void;
  /** True while every committed session and user change reaches this process: only then may it trust a cached one. */
  hearsAuthChanges(): boolean;
  close(): Promise<void>;
}

const CHANNEL = 'cv_events';
const SYSTEM_CHANNEL = 'cv_system';
const AUTH_CHANNEL: OwnChangeChannel = 'cv_auth';

function authChangeOf(payload: string): AuthChange | undefined {
  try {
    const parsed = JSON.parse(payload) as AuthChange;
    return typeof parsed === 'object' && parsed ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** In-process events only: it hears no database, so it never vouches for cached sessions (scripts, fakes). */
export function createLocalEventBus(): EventBus & { emitAuth(change: AuthChange | null): void } {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    subscribeAuth(listener) {
      emitter.on('auth', listener);
      return () => emitter.off('auth', listener);
    },
    hearsAuthChanges: () => false,
    emitAuth(change) {
      emitter.emit('auth', change);
    },
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

/**
 * The embedded database's bus: one process by design, so in-process events are complete, and PGlite hands this
 * process every `cv_auth` notification before the query that raised it resolves.
 */
export async function createEmbeddedEventBus(database: Pick<Database, 'listen'>): Promise<EventBus> {
  const local = createLocalEventBus();
  const unlisten = await database.listen(AUTH_CHANNEL, (payload) => {
    const change = authChangeOf(payload);
    if (change) local.emitAuth(change);
  });
  return {
    ...local,
    hearsAuthChanges: () => true,
    async close() {
      await unlisten();
      await local.close();
    },
  };
}

/**
 * LISTEN on a dedicated connection that comes back by itself: when it dies (database restart, terminated backend,
 * network) it reconnects with backoff (0.5 s doubling to 10 s) and listens again, so live updates resume without a
 * process restart. Events published while it was down are not replayed: the panel refetches on reconnect anyway.
 */
export async function createPostgresEventBus(options: {
  url: string;
  pool: pg.Pool;
  /** This process's own session and user changes, heard as its connections make them (`Database.listen`). */
  listen?: Database['listen'];
  logger: Logger;
  /** Called each time the listener is (re)connected, with the backend pid (tests). */
  onListening?: (pid: number) => void;
}): Promise<EventBus> {
  const local = createLocalEventBus();
  let closed = false;
  let current: pg.Client | null = null;
  let retryMs = 500;
  let retryTimer: NodeJS.Timeout | null = null;

  const onNotification = (message: pg.Notification) => {
    if (!message.payload) return;
    try {
      if (message.channel === SYSTEM_CHANNEL)
        void local.publishSystem(JSON.parse(message.payload) as SystemEvent);
      if (message.channel === CHANNEL) void local.publish(JSON.parse(message.payload) as BusEvent);
      if (message.channel === AUTH_CHANNEL) {
        const change = authChangeOf(message.payload);
        if (change) local.emitAuth(change);
      }
    } catch (error) {
      options.logger.warn({ err: error }, 'ignored a malformed event');
    }
  };

  const scheduleReconnect = () => {
    if (closed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void connect().catch(() => scheduleReconnect());
    }, retryMs);
    retryTimer.unref();
    retryMs = Math.min(retryMs * 2, 10_000);
  };

  async function connect(): Promise<void> {
    // Named, so an operator (and a test) can tell it from the pool's connections in pg_stat_activity.
    const client = new pg.Client({ connectionString: options.url, application_name: 'cv-events-listener' });
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost) return;
      lost = true;
      if (current === client) current = null;
      if (closed) return;
      // Changes committed from now on may go unheard: whatever was cached on their strength is dropped.
      local.emitAuth(null);
      options.logger.warn({ err: error }, 'event listener connection lost; reconnecting');
      scheduleReconnect();
    };
    client.on('notification', onNotification);
    client.on('error', (error) => onLost(error));
    client.on('end', () => onLost());
    try {
      await client.connect();
      await client.query(`listen ${CHANNEL}`);
      await client.query(`listen ${SYSTEM_CHANNEL}`);
      await client.query(`listen ${AUTH_CHANNEL}`);
    } catch (error) {
      options.logger.error({ err: error }, 'event listener could not connect');
      lost = true;
      await client.end().catch(() => undefined);
      throw error;
    }
    if (closed) {
      await client.end().catch(() => undefined);
      return;
    }
    // Anything cached while no listener was connected was trusted on nothing: drop it before vouching again.
    local.emitAuth(null);
    current = client;
    retryMs = 500;
    const pid = (client as unknown as { processID?: number }).processID;
    if (pid) options.onListening?.(pid);
  }

  const unlisten = await options.listen?.(AUTH_CHANNEL, (payload) => {
    const change = authChangeOf(payload);
    if (change) local.emitAuth(change);
  });
  await connect();
  const notify = createNotifyBatcher(options.pool);
  return {
    async publish(event) {
      await notify(CHANNEL, JSON.stringify(event));
    },
    subscribe: local.subscribe,
    async publishSystem(event) {
      await notify(SYSTEM_CHANNEL, JSON.stringify(event));
    },
    subscribeSystem: local.subscribeSystem,
    subscribeAuth: local.subscribeAuth,
    hearsAuthChanges: () => current !== null,
    async close() {
      closed = true;
      await unlisten?.();
      if (retryTimer) clearTimeout(retryTimer);
      await local.close();
      await current?.end().catch(() => undefined);
      current = null;
    },
  };
}
