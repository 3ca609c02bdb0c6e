// Control API of the simulator (not Contabo's): programmatic `sim.control.*` and the same under HTTP /__control.
import type { FastifyInstance } from 'fastify';
import type { FaultSpec, Faults } from './faults.ts';
import { emptyCounters } from './state.ts';
import type { RequestLogEntry, SimCounters, SimState, Status } from './state.ts';

export interface SimulatorControl {
  /** Returns the fault id. */
  injectFault(spec: FaultSpec): number;
  clearFaults(): void;
  faults(): FaultSpec[];
  /** Forces an instance's status now (clears pending transitions). */
  setInstanceStatus(instanceId: number, status: Status): void;
  /** Moves the simulator clock forward (token expiry, status transitions, cancel dates). */
  advance(ms: number): void;
  now(): number;
  /** Empties data, faults and counters and re-seeds unless `seed: false`. Issued tokens stay valid. */
  reset(options?: { seed?: boolean }): void;
  /** Invalidates every issued access token (the next API call gets 401). */
  revokeTokens(): void;
  counters(): SimCounters;
  resetCounters(): void;
  /** Adds N running instances (for sync tests and the bench); returns their ids. */
  seedInstances(count: number): number[];
  /** Recent API/token requests (method, path, operationId, status, requestId, traceId). */
  requests(): RequestLogEntry[];
  /** Escape hatch for tests. */
  readonly state: SimState;
}

export function createControl(state: SimState, faults: Faults, seedByDefault: boolean): SimulatorControl {
  return {
    injectFault: (spec) => faults.add(spec),
    clearFaults: () => faults.clear(),
    faults: () => faults.list(),
    setInstanceStatus(instanceId, status) {
      const inst = state.instances.get(instanceId);
      if (!inst) throw new Error(`simulator: no instance ${instanceId}`);
      inst.status = status;
      inst.pending = [];
    },
    advance: (ms) => state.advance(ms),
    now: () => state.now(),
    reset(options) {
      faults.clear();
      state.reset(options?.seed ?? seedByDefault);
    },
    revokeTokens: () => state.tokens.clear(),
    counters: () => structuredClone(state.counters),
    resetCounters() {
      state.counters = emptyCounters();
    },
    seedInstances: (count) => state.seedInstances(count),
    requests: () => [...state.requestLog],
    state,
  };
}

export function registerControlRoutes(app: FastifyInstance, control: SimulatorControl): void {
  const ok = { ok: true };
  app.get('/__control/counters', async () => control.counters());
  app.post('/__control/counters/reset', async () => (control.resetCounters(), ok));
  app.get('/__control/faults', async () => control.faults());
  app.post('/__control/faults', async (req) => ({ id: control.injectFault(req.body as FaultSpec) }));
  app.delete('/__control/faults', async () => (control.clearFaults(), ok));
  app.post('/__control/instances/:id/status', async (req) => {
    control.setInstanceStatus(
      Number((req.params as { id: string }).id),
      (req.body as { status: Status }).status,
    );
    return ok;
  });
  app.post('/__control/clock/advance', async (req) => {
    control.advance(Number((req.body as { ms: number }).ms));
    return { now: new Date(control.now()).toISOString() };
  });
  app.get('/__control/clock', async () => ({ now: new Date(control.now()).toISOString() }));
  app.post('/__control/reset', async (req) => {
    control.reset({ seed: (req.body as { seed?: boolean } | undefined)?.seed });
    return ok;
  });
  app.post('/__control/seed-instances', async (req) => ({
    ids: control.seedInstances(Number((req.body as { count: number }).count)),
  }));
  app.post('/__control/tokens/revoke', async () => (control.revokeTokens(), ok));
  // The last 500, or with `?since=<epoch ms>` every logged request from then on (a bench counting a burst's arrivals).
  app.get('/__control/requests', async (req) => {
    const since = Number((req.query as { since?: string }).since);
    const all = control.requests();
    return Number.isFinite(since) ? all.filter((r) => r.at >= since) : all.slice(-500);
  });
}
