import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import { staffNotice } from './in-app.ts';
import type { NotificationsService } from './notifications.service.ts';

/** One Contabo call as the client reports it (`CallMetric` of the Contabo package). */
export interface ContaboCallReport {
  method: string;
  pathTemplate: string;
  status: number | null;
  errorCode: string | null;
}

export const CONTABO_ALERT_WINDOW_MS = 15 * 60_000;

/** Failures the operator must hear about: Contabo down or slow, or our credentials refused. 404/409/429 are not. */
export function contaboFailure(call: ContaboCallReport): string | null {
  if (call.status === null) return call.errorCode === 'timeout' ? 'timeout' : 'network';
  if (call.status >= 500) return 'server_error';
  if (call.status === 401 || call.status === 403) return 'auth_refused';
  return null;
}

/**
 * Staff notification for Contabo errors, rate-limited: the first failure of a window writes one "Errores al llamar
 * a la API de Contabo" (unless any instance wrote one in the window) and the rest of the burst writes nothing. The
 * in-memory mark keeps a burst from touching the database at all; the conditional insert keeps instances in step.
 */
export function createContaboAlerts(deps: {
  notifications: Pick<NotificationsService, 'notifyStaffOnce' | 'announce'>;
  clock: Clock;
  logger: Logger;
  windowMs?: number;
}) {
  const windowMs = deps.windowMs ?? CONTABO_ALERT_WINDOW_MS;
  let quietUntil = 0;
  let inFlight: Promise<void> | null = null;

  async function write(call: ContaboCallReport, outcome: string): Promise<void> {
    const now = deps.clock.now();
    const written = await deps.notifications.notifyStaffOnce(
      staffNotice.contaboError({
        operation: `${call.method} ${call.pathTemplate}`,
        outcome,
        status: call.status,
        windowMinutes: Math.round(windowMs / 60_000),
      }),
      new Date(now.getTime() - windowMs),
      now,
    );
    if (written) await deps.notifications.announce({ userId: null, audience: 'admins' });
  }

  return {
    /** Called for every Contabo call; never throws and never waits on the caller's path. */
    record(call: ContaboCallReport): void {
      const outcome = contaboFailure(call);
      if (!outcome) return;
      const now = deps.clock.now().getTime();
      if (now < quietUntil || inFlight) return;
      quietUntil = now + windowMs;
      inFlight = write(call, outcome)
        .catch((error: unknown) => {
          // Let the next failure try again rather than staying silent for a whole window.
          quietUntil = 0;
          deps.logger.warn({ err: error }, 'could not write the Contabo error notification');
        })
        .finally(() => {
          inFlight = null;
        });
    },
    /** Resolves when the notification being written (if any) is stored: for tests and shutdown. */
    settled: () => inFlight ?? Promise.resolve(),
  };
}

export type ContaboAlerts = ReturnType<typeof createContaboAlerts>;
