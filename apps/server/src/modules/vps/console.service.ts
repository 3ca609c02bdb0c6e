import { createHash, randomBytes } from 'node:crypto';
import type { WebSocket } from 'ws';
import { startRfbRelay, type RelayHandle } from '../../integrations/vnc/rfb-relay.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Cipher } from '../../lib/crypto.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import type { AuditInput } from '../../audit/audit.service.ts';
import type { EventBus } from '../../events/bus.ts';
import type { ConsoleRepo, ConsoleSessionRow } from './console.repo.ts';
import type { VpsRepo, VpsRow } from './vps.repo.ts';
import type { Caller, VpsService } from './vps.service.ts';

export const TICKET_TTL_MS = 30_000;

export interface ConsoleServiceDeps {
  vps: VpsService;
  vpsRepo: VpsRepo;
  repo: ConsoleRepo;
  cipher: Cipher;
  clock: Clock;
  logger: Logger;
  audit: (entry: AuditInput) => Promise<void>;
  /** Announces new sessions to every instance, so one session per VPS holds across processes. */
  events: EventBus;
  /** Closes a console after this long without keyboard, mouse or clipboard input (default 15 minutes). */
  idleTimeoutMs?: number;
}

export interface ClaimedConsole {
  session: ConsoleSessionRow;
  vps: VpsRow;
}

const hashTicket = (ticket: string) => createHash('sha256').update(ticket).digest('hex');

/**
 * The browser console: VNC data recorded by an admin (password encrypted, never shown to admins again), the VNC
 * password for the owner after step-up, one-time tickets (30 s, bound to the user and the VPS, stored hashed) and the
 * relayed session (one per VPS: a new one closes the old; audited with duration and bytes).
 */
export function createConsoleService(deps: ConsoleServiceDeps) {
  const { clock } = deps;
  /** Open sessions of this process by VPS id. */
  const open = new Map<string, OpenSession>();
  /**
   * Another instance (or this one) started a session. Every instance sees the announcements in the same order
   * (NOTIFY delivers in commit order), so "newer" is "announced later": a session here is closed by a foreign
   * announcement only once its own announcement came back. Two sessions started at once on two instances therefore
   * never close each other: the one announced last stays.
   */
  const stopListening = deps.events.subscribeSystem((event) => {
    if (event.type !== 'console.opened') return;
    const current = open.get(event.vpsId);
    if (!current) return;
    if (current.sessionId === event.sessionId) current.announced = true;
    else if (current.announced) current.relay.close('replaced');
  });

  async function ownedWithConsole(caller: Caller, id: string): Promise<VpsRow> {
    const vps = await deps.vps.own(caller, id);
    deps.vps.assertActive(vps);
    if (!vps.vncHost || !vps.vncPort) {
      throw new AppError('conflict', 'The console of this server is not set up yet. Please contact support.');
    }
    return vps;
  }

  return {
    async setVnc(
      caller: Caller,
      id: string,
      input: { host: string | null; port: number | null; password?: string | null },
    ): Promise<{ host: string | null; port: number | null; hasPassword: boolean }> {
      const vps = await deps.vpsRepo.findById(id);
      if (!vps) throw notFound('Server');
      const updated = await deps.vpsRepo.update(vps.id, {
        vncHost: input.host,
        vncPort: input.port,
        ...(input.password !== undefined
          ? { vncPasswordEncrypted: input.password ? deps.cipher.encrypt(input.password) : null }
          : {}),
      });
      await deps.vps.audit(caller, 'vnc.updated', vps, {
        host: input.host,
        port: input.port,
        password: input.password === undefined ? 'unchanged' : input.password ? 'changed' : 'cleared',
      });
      return {
        host: updated!.vncHost,
        port: updated!.vncPort,
        hasPassword: Boolean(updated!.vncPasswordEncrypted),
      };
    },

    /** For the customer's own VNC client, after re-entering their account password. */
    async revealVnc(
      caller: Caller,
      id: string,
      password: string,
    ): Promise<{ host: string; port: number; password: string | null }> {
      const vps = await ownedWithConsole(caller, id);
      await deps.vps.stepUp(caller, vps, password, 'vnc');
      await deps.vps.audit(caller, 'vnc.viewed', vps);
      return {
        host: vps.vncHost!,
        port: vps.vncPort!,
        password: vps.vncPasswordEncrypted ? deps.cipher.decrypt(vps.vncPasswordEncrypted) : null,
      };
    },

    async issueTicket(caller: Caller, id: string): Promise<{ ticket: string; expiresAt: Date }> {
      const vps = await ownedWithConsole(caller, id);
      const ticket = randomBytes(32).toString('base64url');
      const expiresAt = new Date(clock.now().getTime() + TICKET_TTL_MS);
      await deps.repo.insertTicket({
        vpsInstanceId: vps.id,
        userId: caller.id,
        ticketHash: hashTicket(ticket),
        expiresAt,
        ip: caller.ip?.slice(0, 64) ?? null,
      });
      return { ticket, expiresAt };
    },

    /** Uses a ticket (once) before the WebSocket upgrade; the owner must still own an active VPS with a console. */
    async claim(id: string, ticket: string): Promise<ClaimedConsole> {
      const session = await deps.repo.claimTicket(id, hashTicket(ticket), clock.now());
      if (!session)
        throw new AppError('invalid_token', 'This console link has expired; open the console again.');
      const vps = await deps.vpsRepo.findById(id);
      if (!vps || vps.userId !== session.userId) throw notFound('Server');
      deps.vps.assertActive(vps);
      if (!vps.vncHost || !vps.vncPort)
        throw new AppError('conflict', 'The console of this server is not set up.');
      return { session, vps };
    },

    /** Relays the socket to the VNC endpoint recorded for this VPS (and nowhere else). */
    async attach({ session, vps }: ClaimedConsole, socket: WebSocket): Promise<void> {
      open.get(vps.id)?.relay.close('replaced');
      const relay = startRfbRelay(
        socket,
        {
          host: vps.vncHost!,
          port: vps.vncPort!,
          password: vps.vncPasswordEncrypted ? deps.cipher.decrypt(vps.vncPasswordEncrypted) : null,
        },
        { idleTimeoutMs: deps.idleTimeoutMs ?? 15 * 60_000 },
      );
      open.set(vps.id, { relay, sessionId: session.id, announced: false });
      await deps.events
        .publishSystem({ type: 'console.opened', vpsId: vps.id, sessionId: session.id })
        .catch((err: unknown) => deps.logger.warn({ err }, 'could not announce the console session'));
      return relay.done.then(async (result) => {
        if (open.get(vps.id)?.relay === relay) open.delete(vps.id);
        const endedAt = clock.now();
        await deps.repo.endSession(session.id, { endedAt, endReason: result.reason, ...pick(result) });
        await deps.audit({
          actorId: session.userId,
          actorRole: 'customer',
          action: 'vps.console.session',
          entityType: 'vps',
          entityId: vps.id,
          ip: session.ip,
          userAgent: null,
          requestId: null,
          metadata: {
            sessionId: session.id,
            startedAt: session.startedAt?.toISOString() ?? null,
            durationMs: session.startedAt ? endedAt.getTime() - session.startedAt.getTime() : null,
            reason: result.reason,
            ...pick(result),
          },
        });
      });
    },

    /** Ends every open session (server shutdown). */
    closeAll(): void {
      stopListening();
      for (const { relay } of open.values()) relay.close('shutdown');
    },

    /** Whether this process relays a session for the VPS now (tests). */
    hasOpenSession(vpsId: string): boolean {
      return open.has(vpsId);
    },
  };
}

interface OpenSession {
  relay: RelayHandle;
  sessionId: string;
  /** Its own announcement came back through the bus: later foreign announcements are newer sessions. */
  announced: boolean;
}

function pick(r: { bytesToServer: number; bytesToClient: number }) {
  return { bytesToServer: r.bytesToServer, bytesToClient: r.bytesToClient };
}

export type ConsoleService = ReturnType<typeof createConsoleService>;
