// Power actions wait in the account's Contabo queue before they are sent: the 202 answer (and the cached server
// while it waits) carries status `queued` and, right after the request, the place and a wait estimate. The shared
// API types predate the queue, so these fields are read through this narrow type.
import type { VpsAction } from './models.ts';

export interface ActionQueueInfo {
  position: number;
  estimatedSeconds: number;
}

export type QueuedAware = Pick<VpsAction, 'actionType'> & {
  status?: string;
  queue?: ActionQueueInfo;
};

/** Whether an action is still waiting for its turn (not yet sent to the provider). */
export const isQueued = (action: { status?: string }): boolean => action.status === 'queued';
