import type { InvoiceStatus } from '../../db/statuses.ts';
import type { VpsActionRow, VpsRow, VpsWithRefs } from './vps.repo.ts';
import type { TVps, TVpsAction } from './vps.schemas.ts';

export function presentAction(a: VpsActionRow): TVpsAction {
  return {
    id: a.id,
    actionType: a.actionType,
    status: a.status as TVpsAction['status'],
    expectedStatus: a.expectedStatus,
    errorCode: a.errorCode,
    errorMessage: a.errorMessage,
    requestedAt: a.requestedAt,
    acceptedAt: a.acceptedAt,
    completedAt: a.completedAt,
  };
}

/** Whitelists what a customer sees: never the encrypted root or VNC password. */
export function presentVps(
  refs: VpsWithRefs,
  inFlight: VpsActionRow | undefined,
  terminateAfterDays: number,
): TVps {
  const v = refs.vps;
  const open = refs.openInvoice;
  return {
    id: v.id,
    displayName: v.displayName,
    name: v.name,
    status: v.status,
    serviceStatus: v.serviceStatus,
    product: refs.product
      ? { id: refs.product.id, name: refs.product.name, contaboProductId: refs.product.contaboProductId }
      : null,
    region: v.region,
    osType: v.osType,
    imageName: refs.imageName,
    ipv4: v.ipAddress,
    ipv6: v.ipV6Address,
    gateway: v.gateway,
    gatewayV6: v.gatewayV6,
    netmaskCidr: v.netmaskCidr,
    netmaskCidrV6: v.netmaskCidrV6,
    macAddress: v.macAddress,
    defaultUser: v.defaultUser,
    periodMonths: v.periodMonths,
    assignedAt: v.assignedAt,
    expiresAt: v.expiresAt,
    autoRenew: v.autoRenew,
    cancelAtPeriodEnd: v.cancelAtPeriodEnd,
    suspendedAt: v.suspendedAt,
    terminatedAt: v.terminatedAt,
    terminatesAt:
      v.serviceStatus === 'suspended' && v.suspendedAt
        ? new Date(v.suspendedAt.getTime() + terminateAfterDays * 86_400_000)
        : null,
    openInvoice: open
      ? {
          id: open.id,
          invoiceNumber: open.invoiceNumber,
          totalMinor: Number(open.totalMinor),
          currency: open.currency,
          dueAt: open.dueAt ? new Date(open.dueAt) : null,
          status: open.status as InvoiceStatus,
        }
      : null,
    hasRootPassword: Boolean(v.rootPasswordEncrypted),
    vnc: v.vncHost
      ? { host: v.vncHost, port: v.vncPort, hasPassword: Boolean(v.vncPasswordEncrypted) }
      : null,
    trafficNote: v.trafficNote,
    actionInFlight: inFlight ? presentAction(inFlight) : null,
    lastSyncedAt: v.lastSyncedAt,
    createdAt: v.createdAt,
  };
}

/** The live event announcing an action's state to the server's owner (panel) and the console. */
export function actionEvent(vps: VpsRow, action: VpsActionRow, at: Date) {
  return {
    type: 'vps.action' as const,
    vpsId: vps.id,
    userId: vps.userId,
    actionId: action.id,
    actionStatus: action.status,
    status: vps.status,
    at: at.toISOString(),
  };
}
