// What a server's state means for the person looking at it: the badge to show and the actions that make sense.
import { useTranslation } from 'react-i18next';
import type { Vps } from '../api/models.ts';
import { isQueued, type QueuedAware } from '../api/vps-queue.ts';
import type { VpsStatus as BadgeStatus } from '../components/ui/StatusBadge.tsx';

/** Contabo statuses that all mean "being prepared" for a customer. */
const PREPARING = new Set([
  'provisioning',
  'installing',
  'uninstalled',
  'manual_provisioning',
  'pending_payment',
  'verification_required',
  'product_not_available',
]);
const SHOWN = new Set<string>(['running', 'stopped', 'rescue', 'reset_password', 'error']);

/** The badge of a server: its service state wins over Contabo's (a suspended server is "Suspendido"). */
export function badgeStatus(vps: Pick<Vps, 'status' | 'serviceStatus'>): BadgeStatus {
  if (vps.serviceStatus === 'suspended') return 'suspended';
  if (vps.serviceStatus === 'terminated' || vps.serviceStatus === 'cancelled') return 'terminated';
  return contaboBadgeStatus(vps.status);
}

/** The badge of a Contabo instance status alone (admin inventory). */
export function contaboBadgeStatus(status: string): BadgeStatus {
  if (SHOWN.has(status)) return status as BadgeStatus;
  if (PREPARING.has(status)) return 'provisioning';
  return 'unknown';
}

export const SERVER_ACTIONS = ['start', 'shutdown', 'restart', 'stop', 'rescue', 'reset_password'] as const;
export type ServerActionType = (typeof SERVER_ACTIONS)[number];

/** The API's rules: which states each action may start from. */
const ALLOWED: Record<string, readonly ServerActionType[]> = {
  running: ['shutdown', 'restart', 'stop', 'rescue', 'reset_password'],
  stopped: ['start', 'rescue', 'reset_password'],
  rescue: ['restart', 'stop'],
};

/** Why the actions are unavailable, or null when the state decides them one by one. */
export function actionsBlocked(vps: Vps): 'service' | 'busy' | null {
  if (vps.serviceStatus !== 'active') return 'service';
  if (vps.actionInFlight) return 'busy';
  return null;
}

/** Actions the current state allows ("Encender" only on a stopped server, and so on). */
export function allowedActions(vps: Vps): ReadonlySet<ServerActionType> {
  if (actionsBlocked(vps)) return new Set();
  const allowed = ALLOWED[vps.status] ?? [];
  // Contabo resets the root password of Linux servers only.
  const windows = vps.osType?.toLowerCase() === 'windows';
  return new Set(allowed.filter((type) => !(windows && type === 'reset_password')));
}

/** The name a person knows the server by. */
export function serverName(vps: Pick<Vps, 'displayName' | 'name' | 'id'>): string {
  return vps.displayName || vps.name || vps.id.slice(0, 8);
}

/** Action types as the API names them → our names. */
const ACTION_NAMES = {
  start: 'start',
  stop: 'stop',
  restart: 'restart',
  shutdown: 'shutdown',
  rescue: 'rescue',
  'reset-password': 'reset_password',
  reset_password: 'reset_password',
  'snapshot-restore': 'restore',
  restore: 'restore',
  'snapshot-create': 'snapshot_create',
  'snapshot-delete': 'snapshot_delete',
  rename: 'rename',
} as const;
export type KnownAction = (typeof ACTION_NAMES)[keyof typeof ACTION_NAMES];
export function knownAction(type: string): KnownAction | null {
  return Object.hasOwn(ACTION_NAMES, type) ? ACTION_NAMES[type as keyof typeof ACTION_NAMES] : null;
}

/** Actions that take a while (the server changes state); the others finish within the request. */
const LASTING = ['start', 'stop', 'restart', 'shutdown', 'rescue', 'reset_password', 'restore'] as const;
export type LastingAction = (typeof LASTING)[number];
export function lastingAction(type: string): LastingAction | null {
  const known = knownAction(type);
  return known && (LASTING as readonly string[]).includes(known) ? (known as LastingAction) : null;
}

const DAY_MS = 86_400_000;

/** Whole days from today to `iso` (negative when past), counted in calendar days of the viewer. */
export function daysUntil(iso: string, now = new Date()): number {
  const target = new Date(iso);
  const start = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  const end = Date.UTC(target.getFullYear(), target.getMonth(), target.getDate());
  return Math.round((end - start) / DAY_MS);
}

/** "Vence en 3 días" / "Vence hoy" / "Venció hace 2 días", and whether it deserves attention (≤ 7 days). */
export function useExpiry() {
  const { t } = useTranslation();
  return (iso: string | null): { text: string; soon: boolean } | null => {
    if (!iso) return null;
    const days = daysUntil(iso);
    if (days > 0) return { text: t('servers.expiry.in', { count: days }), soon: days <= 7 };
    if (days === 0) return { text: t('servers.expiry.today'), soon: true };
    return { text: t('servers.expiry.ago', { count: -days }), soon: true };
  };
}

/** The live line under the badge while an action runs ("Tu servidor se está deteniendo…"). */
export function useActionText() {
  const { t } = useTranslation();
  return {
    running: (action: QueuedAware) => {
      if (isQueued(action)) {
        return action.queue
          ? t('scale.queuedAt', { position: action.queue.position, seconds: action.queue.estimatedSeconds })
          : t('scale.queued');
      }
      const type = lastingAction(action.actionType);
      return type ? t(`servers.running.${type}`) : t('servers.running.other');
    },
    done: (type: string) => {
      const known = lastingAction(type);
      return known ? t(`servers.done.${known}`) : t('servers.done.other');
    },
    failed: (type: string) => {
      const known = lastingAction(type);
      return known ? t(`servers.failed.${known}`) : t('servers.failed.other');
    },
    name: (type: string) => {
      const known = knownAction(type);
      return known ? t(`servers.actionNames.${known}`) : type;
    },
  };
}
