import { verifyPassword } from '../auth/password-hashing.ts';
import type { ContaboClient, Instance } from '@cloud-vertice/contabo';
import type { AuditInput } from '../../audit/audit.service.ts';
import type { DbOrTx } from '../../db/client.ts';
import type { EventBus } from '../../events/bus.ts';
import { RULES as RATE_RULES, type RateLimiter } from '../../http/rate-limit.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Cipher } from '../../lib/crypto.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import type { SettingsService } from '../../settings/settings.service.ts';
import type { QueuedActionValues } from './vps-queue.repo.ts';
import { contaboFailure, failedAction } from './vps.errors.ts';
import { assertCanUseServer } from './vps.policy.ts';
import { actionEvent, presentVps } from './vps.presenter.ts';
import type { VpsActionRow, VpsRepo, VpsRow } from './vps.repo.ts';
import { actionInProgress, assertServiceActive, type ActionType } from './vps.rules.ts';
import type { TVps } from './vps.schemas.ts';

export interface Caller {
  id: string;
  role: string;
  ip?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
}

export interface VpsServiceDeps {
  repo: VpsRepo;
  contabo: () => ContaboClient;
  clock: Clock;
  cipher: Cipher;
  events: EventBus;
  logger: Logger;
  /** Writes an audit row, in the caller's transaction when one is given. */
  audit: (entry: AuditInput, tx?: DbOrTx) => Promise<void>;
  /** Reads `billing.terminateAfterDays` (when a suspended service ends); 14 days without settings. */
  settings?: Pick<SettingsService, 'get'>;
  /** Limits password re-entry like a login (RULES.passwordReentry). */
  limiter?: RateLimiter;
  /** The account's power-action queue (see vps-queue.ts): place, wait estimate, and a nudge for the dispatcher. */
  actionQueue: ActionQueuePort;
}

export interface ActionQueuePort {
  /**
   * Records a queued action with its 1-based place in the queue and, atomically with it, its audit row (the action's
   * id and place added to the row's metadata as `actionId` and `queuePosition`); null, and nothing written, when the
   * server has an action in flight.
   */
  enqueue(
    row: QueuedActionValues,
    audit: AuditInput,
  ): Promise<{ action: VpsActionRow; position: number } | null>;
  estimateSeconds(position: number): number;
  wake(): void;
}

/**
 * What every VPS use case (and the server-page services) builds on: the owner check, the action row with its audit
 * and live events, the status writer, the password step-up and the detail view.
 */
export function createVpsBlocks(deps: VpsServiceDeps) {
  const { repo, clock, events } = deps;
  const terminateAfterDays = async () =>
    deps.settings ? await deps.settings.get('billing.terminateAfterDays') : 14;

  /** The caller's own server; anyone else's is "not found". */
  async function own(caller: Caller, id: string): Promise<VpsRow> {
    const vps = await repo.findById(id);
    assertCanUseServer(caller, vps);
    return vps;
  }

  /** The audit entry of a caller's action on a server. */
  function auditEntry(
    caller: Caller,
    action: string,
    vps: VpsRow,
    metadata: Record<string, unknown> = {},
  ): AuditInput {
    return {
      actorId: caller.id,
      actorRole: caller.role,
      action: `vps.${action}`,
      entityType: 'vps',
      entityId: vps.id,
      ip: caller.ip ?? null,
      userAgent: caller.userAgent ?? null,
      requestId: caller.requestId ?? null,
      metadata: { contaboInstanceId: vps.contaboInstanceId, ...metadata },
    };
  }

  async function audit(
    caller: Caller,
    action: string,
    vps: VpsRow,
    metadata: Record<string, unknown> = {},
    tx?: DbOrTx,
  ) {
    await deps.audit(auditEntry(caller, action, vps, metadata), tx);
  }

  async function publishAction(vps: VpsRow, action: VpsActionRow) {
    await events.publish(actionEvent(vps, action, clock.now()));
  }

  /** Writes a status we saw or know (with its history row) and announces it once it is committed. */
  async function recordStatus(vps: VpsRow, status: string): Promise<VpsRow> {
    const now = clock.now();
    const record = await repo.recordStatus(null, vps, status, now);
    if (record.changed) await events.publish(record.event);
    return { ...vps, status, lastSyncedAt: now };
  }

  /** Takes the status Contabo reports for the instance. */
  const applyInstance = (vps: VpsRow, instance: Instance): Promise<VpsRow> =>
    recordStatus(vps, instance.status ?? 'unknown');

  /** Shows a status we know the instance has entered (e.g. `installing` right after a reinstall was accepted). */
  async function showStatus(vps: VpsRow, status: string): Promise<void> {
    await recordStatus(vps, status);
  }

  /** Records the action, sends it to Contabo and lets the tracker watch for the expected status. */
  async function runAction(
    caller: Caller,
    vps: VpsRow,
    type: ActionType,
    expectedStatus: string | null,
    params: Record<string, unknown>,
    send: (traceId: string) => Promise<unknown>,
    options: {
      synchronous?: boolean;
      /** A clearer error for a known Contabo answer (e.g. a refused PTR name); null → the generic one. */
      describeFailure?: (error: unknown) => AppError | null;
    } = {},
  ): Promise<VpsActionRow> {
    const action = await repo.insertAction({
      vpsInstanceId: vps.id,
      userId: caller.id,
      actionType: type,
      status: 'requested',
      expectedStatus,
      params,
      requestedAt: clock.now(),
    });
    if (!action) throw actionInProgress();
    try {
      await send(action.id);
    } catch (error) {
      const patch = failedAction(error, clock.now());
      const failed = await repo.updateAction(action.id, patch);
      await publishAction(vps, failed!);
      await audit(caller, `${type}.failed`, vps, { actionId: action.id, error: patch.errorCode });
      throw options.describeFailure?.(error) ?? contaboFailure(error, type.replace('-', ' '));
    }
    const now = clock.now();
    const updated = await repo.updateAction(action.id, {
      status: options.synchronous ? 'completed' : 'accepted',
      acceptedAt: now,
      completedAt: options.synchronous ? now : null,
    });
    await publishAction(vps, updated!);
    await audit(caller, type, vps, { actionId: action.id, ...params });
    return updated!;
  }

  /** Step-up: the caller re-enters their own account password before something sensitive. */
  async function stepUp(caller: Caller, vps: VpsRow, password: string, what: string): Promise<void> {
    await deps.limiter?.consume(RATE_RULES.passwordReentry, caller.id);
    const hash = await repo.passwordHashOf(caller.id);
    if (!hash || !(await verifyPassword({ hash, password }))) {
      await audit(caller, `${what}.denied`, vps);
      throw new AppError('invalid_password', 'That is not your account password.');
    }
  }

  /**
   * The server as the panel shows it: its row and its action in flight from one query; the setting that dates a
   * suspended service's end is read only for a suspended one. With a caller, the owner check runs before anything is
   * shown.
   */
  async function detail(vpsId: string, caller?: Caller): Promise<TVps> {
    const found = await repo.findForPanel(vpsId);
    if (caller) assertCanUseServer(caller, found?.vps);
    if (!found) throw notFound('Server');
    const days = found.vps.serviceStatus === 'suspended' ? await terminateAfterDays() : 0;
    return presentVps(found, found.inFlight ?? undefined, days);
  }

  return {
    own,
    assertActive: assertServiceActive,
    audit,
    auditEntry,
    publishAction,
    applyInstance,
    showStatus,
    runAction,
    stepUp,
    detail,
    terminateAfterDays,
  };
}

export type VpsBlocks = ReturnType<typeof createVpsBlocks>;
