import { verifyPassword } from '../auth/password-hashing.ts';
import {
  ContaboError,
  isValidSecretPassword,
  type ContaboClient,
  type Instance,
} from '@cloud-vertice/contabo';
import type { EventBus } from '../../events/bus.ts';
import { RULES as RATE_RULES, type RateLimiter } from '../../http/rate-limit.ts';
import type { Clock } from '../../lib/clock.ts';
import { generatePassword, type Cipher } from '../../lib/crypto.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { assertCanUseServer } from './vps.policy.ts';
import type { Logger } from '../../lib/logger.ts';
import type { AuditInput } from '../../audit/audit.service.ts';
import { contaboErrorDetails, contaboFailure } from './vps.errors.ts';
import type { SettingsService } from '../../settings/settings.service.ts';
import { presentAction, presentVps } from './vps.presenter.ts';
import type { VpsActionRow, VpsRepo, VpsRow } from './vps.repo.ts';
import type { TSnapshot, TVps, TVpsAction } from './vps.schemas.ts';
import { reconcileInterruptedActions } from './vps.reconcile.ts';

export type PowerAction = 'start' | 'stop' | 'restart' | 'shutdown';
type ActionType =
  | PowerAction
  | 'rescue'
  | 'reset-password'
  | 'snapshot-restore'
  | 'snapshot-create'
  | 'snapshot-delete'
  | 'rename'
  | 'reinstall'
  | 'rdns-update'
  | 'firewall-create'
  | 'firewall-update'
  | 'firewall-delete';

/** Which Contabo statuses each action may start from, and the status that means it is done. */
const RULES: Record<PowerAction | 'rescue' | 'reset-password', { from: string[]; expected: string }> = {
  start: { from: ['stopped'], expected: 'running' },
  stop: { from: ['running', 'rescue'], expected: 'stopped' },
  shutdown: { from: ['running'], expected: 'stopped' },
  restart: { from: ['running', 'rescue'], expected: 'running' },
  rescue: { from: ['running', 'stopped'], expected: 'rescue' },
  'reset-password': { from: ['running', 'stopped'], expected: 'running' },
};

/** After this long without reaching the expected status, an accepted action is marked failed. */
export const ACTION_TIMEOUT_MS = 15 * 60_000;
/** A detail view asks Contabo at most this often per VPS; otherwise it shows the last sync. */
export const REFRESH_MIN_INTERVAL_MS = 10_000;

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
  audit: (entry: AuditInput) => Promise<void>;
  /** Reads `billing.terminateAfterDays` (when a suspended service ends); 14 days without settings. */
  settings?: Pick<SettingsService, 'get'>;
  /** Limits password re-entry like a login (RULES.passwordReentry). */
  limiter?: RateLimiter;
  /** The account's power-action queue (see vps-queue.ts): place, wait estimate, and a nudge for the dispatcher. */
  actionQueue: ActionQueuePort;
}

export interface ActionQueuePort {
  position(action: VpsActionRow): Promise<number>;
  estimateSeconds(position: number): number;
  wake(): void;
}

/**
 * The customer's VPS panel: every call is for a VPS the caller owns (anyone else's is "not found"), blocked with 403
 * while the service is suspended or ended, and recorded as a `vps_actions` row; at most one action runs per VPS.
 */
export function createVpsService(deps: VpsServiceDeps) {
  const { repo, clock, cipher, events, logger } = deps;
  const terminateAfterDays = async () =>
    deps.settings ? await deps.settings.get('billing.terminateAfterDays') : 14;

  async function own(caller: Caller, id: string): Promise<VpsRow> {
    const vps = await repo.findById(id);
    assertCanUseServer(caller, vps);
    return vps;
  }

  function assertServiceActive(vps: VpsRow): void {
    if (vps.serviceStatus === 'suspended') {
      throw new AppError(
        'service_suspended',
        'This server is suspended for an unpaid invoice: pay it to use the server again.',
      );
    }
    if (vps.serviceStatus !== 'active') {
      throw new AppError('service_inactive', 'This service has ended; its server can no longer be managed.');
    }
  }

  async function audit(caller: Caller, action: string, vps: VpsRow, metadata: Record<string, unknown> = {}) {
    await deps.audit({
      actorId: caller.id,
      actorRole: caller.role,
      action: `vps.${action}`,
      entityType: 'vps',
      entityId: vps.id,
      ip: caller.ip ?? null,
      userAgent: caller.userAgent ?? null,
      requestId: caller.requestId ?? null,
      metadata: { contaboInstanceId: vps.contaboInstanceId, ...metadata },
    });
  }

  async function publishAction(vps: VpsRow, action: VpsActionRow) {
    await events.publish({
      type: 'vps.action',
      vpsId: vps.id,
      userId: vps.userId,
      actionId: action.id,
      actionStatus: action.status,
      status: vps.status,
      at: clock.now().toISOString(),
    });
  }

  async function applyInstance(vps: VpsRow, instance: Instance): Promise<VpsRow> {
    const now = clock.now();
    const status = instance.status ?? 'unknown';
    const changed = await repo.setStatus(vps, status, now);
    if (changed) {
      await events.publish({
        type: 'vps.status',
        vpsId: vps.id,
        userId: vps.userId,
        status,
        at: now.toISOString(),
      });
    }
    return { ...vps, status, lastSyncedAt: now };
  }

  /**
   * An unknown snapshot id is the caller's mistake: a 404 before any action row is written or anything is sent,
   * instead of a failed action and "the provider does not recognise this server".
   */
  async function assertSnapshotExists(vps: VpsRow, snapshotId: string): Promise<void> {
    try {
      await deps.contabo().snapshots.get(vps.contaboInstanceId, snapshotId, { traceId: `vps:${vps.id}` });
    } catch (error) {
      if (error instanceof ContaboError && error.code === 'not_found') throw notFound('Snapshot');
      throw contaboFailure(error, 'snapshot lookup');
    }
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
    if (!action) {
      throw new AppError(
        'action_in_progress',
        'Another action is still running on this server; wait for it to finish.',
      );
    }
    try {
      await send(action.id);
    } catch (error) {
      const details = contaboErrorDetails(error);
      const failed = await repo.updateAction(action.id, {
        status: 'failed',
        errorCode: details.code,
        errorMessage: details.message,
        completedAt: clock.now(),
      });
      await publishAction(vps, failed!);
      await audit(caller, `${type}.failed`, vps, { actionId: action.id, error: details.code });
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

  /** Shows a status we know the instance has entered (e.g. `installing` right after a reinstall was accepted). */
  async function showStatus(vps: VpsRow, status: string): Promise<void> {
    const now = clock.now();
    if (await repo.setStatus(vps, status, now)) {
      await events.publish({
        type: 'vps.status',
        vpsId: vps.id,
        userId: vps.userId,
        status,
        at: now.toISOString(),
      });
    }
  }

  async function detail(vpsId: string): Promise<TVps> {
    const refs = await repo.findWithRefs(vpsId);
    if (!refs) throw notFound('Server');
    return presentVps(refs, await repo.actionInFlight(vpsId), await terminateAfterDays());
  }

  return {
    own,
    /** Building blocks for the server-page services (reinstall, reverse DNS, firewall, console). */
    assertActive: assertServiceActive,
    runAction,
    stepUp,
    showStatus,
    audit,

    async list(caller: Caller, page: number, pageSize: number): Promise<{ items: TVps[]; total: number }> {
      const { rows, total } = await repo.listForUser(caller.id, page, pageSize);
      const inFlight = await repo.actionsInFlight(rows.map((r) => r.vps.id));
      const days = rows.some((r) => r.vps.serviceStatus === 'suspended') ? await terminateAfterDays() : 0;
      return {
        items: rows.map((r) =>
          presentVps(
            r,
            inFlight.find((a) => a.vpsInstanceId === r.vps.id),
            days,
          ),
        ),
        total,
      };
    },

    async get(caller: Caller, id: string, refresh = false): Promise<TVps> {
      const vps = await own(caller, id);
      const stale =
        !vps.lastSyncedAt || clock.now().getTime() - vps.lastSyncedAt.getTime() >= REFRESH_MIN_INTERVAL_MS;
      if (refresh && stale && vps.serviceStatus !== 'terminated') {
        try {
          await applyInstance(
            vps,
            await deps.contabo().instances.get(vps.contaboInstanceId, { traceId: `vps:${vps.id}` }),
          );
        } catch (error) {
          logger.warn({ err: error, vpsId: vps.id }, 'live refresh failed; showing the last known status');
        }
      }
      return detail(id);
    },

    /**
     * Power actions wait their turn in the account's Contabo queue: the action is recorded as `queued` and the caller
     * gets its place and a wait estimate at once; the dispatcher sends it at the configured rate.
     */
    async power(caller: Caller, id: string, type: PowerAction): Promise<TVpsAction> {
      const vps = await own(caller, id);
      assertServiceActive(vps);
      const rule = RULES[type];
      if (!rule.from.includes(vps.status)) {
        throw new AppError('conflict', `The server is ${vps.status}; it cannot ${type} now.`, {
          status: vps.status,
        });
      }
      const action = await repo.insertAction({
        vpsInstanceId: vps.id,
        userId: caller.id,
        actionType: type,
        status: 'queued',
        expectedStatus: rule.expected,
        params: {},
        requestedAt: clock.now(),
      });
      if (!action) {
        throw new AppError(
          'action_in_progress',
          'Another action is still running on this server; wait for it to finish.',
        );
      }
      deps.actionQueue.wake();
      const position = await deps.actionQueue.position(action);
      await publishAction(vps, action);
      await audit(caller, type, vps, { actionId: action.id, queuePosition: position });
      return {
        ...presentAction(action),
        queue: { position, estimatedSeconds: deps.actionQueue.estimateSeconds(position) },
      };
    },

    async rescue(
      caller: Caller,
      id: string,
      input: { rootPassword?: string; sshKeyIds: string[] },
    ): Promise<TVpsAction> {
      const vps = await own(caller, id);
      assertServiceActive(vps);
      if (!RULES.rescue.from.includes(vps.status))
        throw new AppError('conflict', `The server is ${vps.status}; rescue mode is not possible now.`);
      if (input.rootPassword && !isValidSecretPassword(input.rootPassword)) throw weakRootPassword();
      const keys = await repo.sshKeysOfUser(caller.id, input.sshKeyIds);
      if (keys.length !== input.sshKeyIds.length) {
        throw new AppError('validation_error', 'Unknown SSH key', [
          { field: 'body.sshKeyIds', message: 'not one of your saved keys' },
        ]);
      }
      const client = deps.contabo();
      const action = await runAction(
        caller,
        vps,
        'rescue',
        RULES.rescue.expected,
        { sshKeys: keys.length },
        (traceId) =>
          client.actions.rescueWithCredentials(
            vps.contaboInstanceId,
            { password: input.rootPassword, sshPublicKeys: keys.map((k) => k.publicKey) },
            { traceId },
          ),
      );
      return presentAction(action);
    },

    async resetPassword(
      caller: Caller,
      id: string,
      input: { rootPassword: string } | { generate: true },
    ): Promise<{ action: TVpsAction; generatedPassword: string | null }> {
      const vps = await own(caller, id);
      assertServiceActive(vps);
      if (vps.osType && vps.osType.toLowerCase() === 'windows') {
        throw new AppError('bad_request', 'Password reset is only available for Linux servers.');
      }
      if (!RULES['reset-password'].from.includes(vps.status)) {
        throw new AppError('conflict', `The server is ${vps.status}; the password cannot be reset now.`);
      }
      const password = 'generate' in input ? generatePassword() : input.rootPassword;
      if (!isValidSecretPassword(password)) throw weakRootPassword();
      const client = deps.contabo();
      const action = await runAction(caller, vps, 'reset-password', 'running', {}, (traceId) =>
        client.actions.resetPasswordWithCredentials(vps.contaboInstanceId, { password }, { traceId }),
      );
      await repo.update(vps.id, { rootPasswordEncrypted: cipher.encrypt(password) });
      return { action: presentAction(action), generatedPassword: 'generate' in input ? password : null };
    },

    async rename(caller: Caller, id: string, displayName: string): Promise<TVps> {
      const vps = await own(caller, id);
      assertServiceActive(vps);
      const client = deps.contabo();
      await runAction(
        caller,
        vps,
        'rename',
        null,
        { displayName },
        (traceId) => client.instances.rename(vps.contaboInstanceId, displayName, { traceId }),
        { synchronous: true },
      );
      await repo.update(vps.id, { displayName });
      return detail(vps.id);
    },

    /** Step-up: the customer re-enters their own password to see the stored root password. */
    async credentials(
      caller: Caller,
      id: string,
      password: string,
    ): Promise<{ defaultUser: string | null; rootPassword: string | null }> {
      const vps = await own(caller, id);
      assertServiceActive(vps);
      await stepUp(caller, vps, password, 'credentials');
      await audit(caller, 'credentials.viewed', vps);
      return {
        defaultUser: vps.defaultUser,
        rootPassword: vps.rootPasswordEncrypted ? cipher.decrypt(vps.rootPasswordEncrypted) : null,
      };
    },

    async actions(caller: Caller, id: string): Promise<{ items: TVpsAction[]; total: number }> {
      await own(caller, id);
      const rows = await repo.listActions(id);
      return { items: rows.map(presentAction), total: rows.length };
    },

    async history(caller: Caller, id: string) {
      await own(caller, id);
      const rows = await repo.statusHistory(id);
      return {
        items: rows.map((r) => ({ fromStatus: r.fromStatus, toStatus: r.toStatus, createdAt: r.createdAt })),
      };
    },

    async snapshots(
      caller: Caller,
      id: string,
    ): Promise<{ items: TSnapshot[]; total: number; quota: number }> {
      const vps = await own(caller, id);
      assertServiceActive(vps);
      const refs = await repo.findWithRefs(id);
      let list;
      try {
        list = await deps
          .contabo()
          .snapshots.list(vps.contaboInstanceId, { size: 100 }, { traceId: `vps:${vps.id}` });
      } catch (error) {
        throw contaboFailure(error, 'snapshot list');
      }
      const items = list.items.map((s) => ({
        id: s.snapshotId,
        name: s.name,
        description: s.description ?? null,
        createdAt: s.createdDate ? new Date(s.createdDate) : null,
        autoDeleteAt: s.autoDeleteDate ? new Date(s.autoDeleteDate) : null,
      }));
      await repo.replaceSnapshots(
        vps.id,
        items.map((s) => ({
          vpsInstanceId: vps.id,
          contaboSnapshotId: s.id,
          name: s.name,
          description: s.description,
          autoDeleteAt: s.autoDeleteAt,
          createdAt: s.createdAt ?? clock.now(),
        })),
      );
      return { items, total: items.length, quota: refs?.product?.snapshotQuota ?? 1 };
    },

    async createSnapshot(
      caller: Caller,
      id: string,
      input: { name: string; description?: string },
    ): Promise<TVpsAction> {
      const vps = await own(caller, id);
      assertServiceActive(vps);
      const client = deps.contabo();
      const action = await runAction(
        caller,
        vps,
        'snapshot-create',
        null,
        { name: input.name },
        (traceId) => client.snapshots.create(vps.contaboInstanceId, input, { traceId }),
        { synchronous: true },
      );
      return presentAction(action);
    },

    /** Rolls back to a snapshot (Contabo deletes every newer snapshot). */
    async restoreSnapshot(caller: Caller, id: string, snapshotId: string): Promise<TVpsAction> {
      const vps = await own(caller, id);
      assertServiceActive(vps);
      const client = deps.contabo();
      await assertSnapshotExists(vps, snapshotId);
      const action = await runAction(caller, vps, 'snapshot-restore', vps.status, { snapshotId }, (traceId) =>
        client.snapshots.rollback(vps.contaboInstanceId, snapshotId, { traceId }),
      );
      return presentAction(action);
    },

    async deleteSnapshot(caller: Caller, id: string, snapshotId: string): Promise<void> {
      const vps = await own(caller, id);
      assertServiceActive(vps);
      const client = deps.contabo();
      await assertSnapshotExists(vps, snapshotId);
      await runAction(
        caller,
        vps,
        'snapshot-delete',
        null,
        { snapshotId },
        (traceId) => client.snapshots.delete(vps.contaboInstanceId, snapshotId, { traceId }),
        { synchronous: true },
      );
    },

    /** Boot: settles what a previous process left in flight (see vps.reconcile.ts). */
    reconcileInterruptedActions: (options: Parameters<typeof reconcileInterruptedActions>[1]) =>
      reconcileInterruptedActions(
        { repo, contabo: deps.contabo, clock, applyInstance, publishAction },
        options,
      ),

    /**
     * Watches accepted actions: one Contabo list call for all of them (not one per VPS), each VPS's status written
     * once, actions completed when the expected status shows up or failed after ACTION_TIMEOUT_MS.
     */
    async trackActions(): Promise<{ checked: number; completed: number; failed: number }> {
      const pending = await repo.acceptedActions();
      if (!pending.length) return { checked: 0, completed: 0, failed: 0 };
      const ids = [...new Set(pending.map((p) => p.vps.contaboInstanceId))];
      const instances = new Map<number, Instance>();
      for (let i = 0; i < ids.length; i += 100) {
        const page = await deps
          .contabo()
          .instances.list({ instanceIds: ids.slice(i, i + 100), size: 100 }, { traceId: 'vps-actions' });
        for (const instance of page.items) instances.set(instance.instanceId, instance);
      }
      let completed = 0;
      let failed = 0;
      const now = clock.now();
      for (const { action, vps } of pending) {
        const instance = instances.get(vps.contaboInstanceId);
        const current = instance ? await applyInstance(vps, instance) : vps;
        const done =
          instance &&
          (action.expectedStatus === null || instance.status === action.expectedStatus) &&
          // A restore or reinstall may still show the old status for a moment after Contabo accepted it.
          ((action.actionType !== 'snapshot-restore' && action.actionType !== 'reinstall') ||
            (action.acceptedAt && now.getTime() - action.acceptedAt.getTime() > 1000));
        if (done) {
          const row = await repo.updateAction(action.id, { status: 'completed', completedAt: now });
          await publishAction(current, row!);
          completed++;
        } else if (
          instance?.status === 'error' ||
          now.getTime() - (action.acceptedAt ?? action.requestedAt).getTime() > ACTION_TIMEOUT_MS
        ) {
          const row = await repo.updateAction(action.id, {
            status: 'failed',
            errorCode: instance?.status === 'error' ? 'instance_error' : 'timeout',
            errorMessage:
              instance?.errorMessage ?? `The server did not reach ${action.expectedStatus} in time`,
            completedAt: now,
          });
          await publishAction(current, row!);
          failed++;
        }
      }
      return { checked: pending.length, completed, failed };
    },
  };
}

function weakRootPassword() {
  return new AppError('validation_error', 'The root password does not meet the provider rules', [
    {
      field: 'body.rootPassword',
      message:
        'at least 8 characters with upper and lower case, and 1 digit + 2 of !@#$^&*?_~ or 3 digits + 1 of them',
    },
  ]);
}

export type VpsService = ReturnType<typeof createVpsService>;
