import { ContaboError, type ContaboClient } from '@cloud-vertice/contabo';
import type { EventBus } from '../../events/bus.ts';
import type { Leadership, Pacer } from '../../integrations/contabo/pacing.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import type { AuditInput } from '../../audit/audit.service.ts';
import { failedAction } from './vps.errors.ts';
import type { VpsQueueRepo } from './vps-queue.repo.ts';
import { actionEvent } from './vps.presenter.ts';
import type { VpsActionRow, VpsRepo, VpsRow } from './vps.repo.ts';

type QueuedType = 'start' | 'stop' | 'restart' | 'shutdown';
const QUEUED_TYPES = new Set<string>(['start', 'stop', 'restart', 'shutdown']);
/** A claimed action with no answer recorded after this long belonged to a dispatcher that died. */
const ABANDONED_AFTER_MS = 5 * 60_000;
/** A call Contabo refused with 429 (nothing happened) after the client's own retries goes back to the queue this many times. */
const MAX_REQUEUES = 5;

export interface VpsQueueDeps {
  repo: VpsRepo;
  queue: VpsQueueRepo;
  contabo: () => ContaboClient;
  pacer: Pacer;
  leadership: Leadership;
  clock: Clock;
  events: EventBus;
  logger: Logger;
  audit: (entry: AuditInput) => Promise<void>;
  /**
   * How often an idle dispatcher looks for work it was not told about (default 5 s): new actions wake it at once, by
   * `wake()` in the process that queued them and by their `queued` event in every other one (PostgreSQL's bus); the
   * look is the backstop for an event lost while the listener reconnected, and how a standby notices it may lead.
   */
  idleMs?: number;
}

/**
 * Drains the power-action queue towards Contabo at the configured rate: request handlers only record the action as
 * `queued` (202 with its place in the queue) and never wait for Contabo; this loop, running in the worker role of the
 * one process that holds the account's leadership, claims the oldest actions, sends each when the pacer allows and
 * records Contabo's answer (`accepted`, then the tracker completes it; or `failed`).
 */
export function createVpsQueue(deps: VpsQueueDeps) {
  const { repo, queue, pacer, clock, events, logger } = deps;
  const log = logger.child({ module: 'vps-queue' });
  let running = false;
  let wakeUp: (() => void) | null = null;
  /** Set by a wake that came while a pass ran (nobody was waiting): that pass may have looked before the new work. */
  let wakeMissed = false;
  /** What the last pass found: only the account's leader sends, so only it is woken. */
  let leading = false;
  let unsubscribe: (() => void) | null = null;
  let loop: Promise<void> | null = null;
  let lastAbandonedCheck = 0;

  async function publish(vps: VpsRow, action: VpsActionRow) {
    await events.publish(actionEvent(vps, action, clock.now()));
  }

  /** Sends one action; `answered` is called as soon as Contabo has answered (before our own writes), for the pacer. */
  async function send(action: VpsActionRow, vps: VpsRow, answered: () => void): Promise<void> {
    const type = action.actionType as QueuedType;
    try {
      if (!QUEUED_TYPES.has(type)) throw new Error(`${type} is not a queued action`);
      await deps.contabo().actions[type](vps.contaboInstanceId, { traceId: action.id }).finally(answered);
    } catch (error) {
      const requeues = Number(action.params.requeues ?? 0);
      if (error instanceof ContaboError && error.code === 'rate_limited' && requeues < MAX_REQUEUES) {
        // Still queued, in its original place (ordered by when it was requested).
        await repo.updateAction(action.id, {
          status: 'queued',
          params: { ...action.params, requeues: requeues + 1 },
        });
        log.warn({ actionId: action.id, code: error.code }, 'Contabo busy: action back in the queue');
        return;
      }
      const patch = failedAction(error, clock.now());
      const failed = await repo.updateAction(action.id, patch);
      await publish(vps, failed!);
      await deps.audit({
        actorId: null,
        actorRole: 'system',
        action: `vps.${type}.failed`,
        entityType: 'vps',
        entityId: vps.id,
        metadata: { contaboInstanceId: vps.contaboInstanceId, actionId: action.id, error: patch.errorCode },
      });
      return;
    }
    const accepted = await repo.updateAction(action.id, { status: 'accepted', acceptedAt: clock.now() });
    await publish(vps, accepted!);
  }

  /** Tells an idle dispatcher in this process that work arrived (or the running pass that it should look again). */
  function wake() {
    // An idle standby would only ask for the lock again (a query per action of a burst): it waits for its backstop.
    if (wakeUp) {
      if (leading) wakeUp();
    } else wakeMissed = true;
  }

  /** One pass: claims what the pacer can send in about a second and sends it. Returns how many were claimed. */
  async function pass(): Promise<number> {
    leading = await deps.leadership.isLeader();
    if (!leading) return 0;
    const now = clock.now();
    if (now.getTime() - lastAbandonedCheck > 60_000) {
      lastAbandonedCheck = now.getTime();
      for (const action of await queue.failAbandoned(new Date(now.getTime() - ABANDONED_AFTER_MS), now)) {
        const vps = await repo.findById(action.vpsInstanceId);
        if (vps) await publish(vps, action);
      }
    }
    const batch = await queue.claim(Math.max(1, Math.ceil(pacer.ratePerSecond)), now);
    // One call in flight per account (Contabo's advice for mutating calls) and never faster than the pacer allows.
    for (const { action, vps } of batch) {
      const answered = await pacer.take();
      await send(action, vps, answered)
        .catch((error: unknown) =>
          log.error({ err: error, actionId: action.id }, 'queued action could not be recorded'),
        )
        .finally(answered);
    }
    return batch.length;
  }

  return {
    pass,

    /** Tells an idle dispatcher in this process that work arrived. */
    wake,

    start() {
      if (running) return;
      running = true;
      // Another process's API queued an action (its `wake()` reaches only its own dispatcher).
      unsubscribe = events.subscribe((event) => {
        if (event.type === 'vps.action' && event.actionStatus === 'queued') wake();
      });
      loop = (async () => {
        while (running) {
          let claimed = 0;
          wakeMissed = false;
          try {
            claimed = await pass();
          } catch (error) {
            log.error({ err: error }, 'action queue pass failed');
          }
          if (claimed || wakeMissed || !running) continue;
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, deps.idleMs ?? 5_000);
            wakeUp = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          wakeUp = null;
        }
      })();
    },

    async stop() {
      running = false;
      unsubscribe?.();
      unsubscribe = null;
      wakeUp?.();
      await loop;
      loop = null;
      await deps.leadership.close();
    },
  };
}

export type VpsQueue = ReturnType<typeof createVpsQueue>;
