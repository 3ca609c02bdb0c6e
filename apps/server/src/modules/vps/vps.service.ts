import { createVpsBlocks, type VpsServiceDeps } from './vps.blocks.ts';
import { createVpsCredentials } from './vps.credentials.ts';
import { createVpsPower } from './vps.power.ts';
import { createVpsReads } from './vps.reads.ts';
import { createVpsSnapshots } from './vps.snapshots.ts';
import { createVpsTracker } from './vps.tracker.ts';

export type { ActionQueuePort, Caller, VpsServiceDeps } from './vps.blocks.ts';
export { ACTION_TIMEOUT_MS, REFRESH_MIN_INTERVAL_MS, type PowerAction } from './vps.rules.ts';

/**
 * The customer's VPS panel: every call is for a VPS the caller owns (anyone else's is "not found"), blocked with 403
 * while the service is suspended or ended, and recorded as a `vps_actions` row; at most one action runs per VPS.
 * One object over the use cases (reads, power, credentials and rescue, snapshots, the action tracker), each in its
 * own file over the shared building blocks (vps.blocks.ts).
 */
export function createVpsService(deps: VpsServiceDeps) {
  const blocks = createVpsBlocks(deps);
  return {
    own: blocks.own,
    /** Building blocks for the server-page services (reinstall, reverse DNS, firewall, console). */
    assertActive: blocks.assertActive,
    runAction: blocks.runAction,
    stepUp: blocks.stepUp,
    showStatus: blocks.showStatus,
    audit: blocks.audit,
    ...createVpsReads(deps, blocks),
    ...createVpsPower(deps, blocks),
    ...createVpsCredentials(deps, blocks),
    ...createVpsSnapshots(deps, blocks),
    ...createVpsTracker(deps, blocks),
  };
}

export type VpsService = ReturnType<typeof createVpsService>;
