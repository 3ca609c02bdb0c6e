// Fault injection for the simulator: rate limits, server errors, latency, hanging requests and token failures,
// for the next N matching requests or with a probability, optionally after the operation took effect.

export type FaultKind = 'rate_limit' | 'server_error' | 'latency' | 'timeout' | 'token_failure';

export interface FaultSpec {
  kind: FaultKind;
  /** Answer status: rate_limit 429, server_error 500, token_failure 401 by default. */
  status?: number;
  /** Apply to the next N matching requests (default 1 when no probability is given). */
  count?: number;
  /** Apply to each matching request with this probability, until cleared. */
  probability?: number;
  /** RegExp source tested against the request path (no query), e.g. "^/v1/compute/instances$". */
  pathPattern?: string;
  /** HTTP method to match (any by default). */
  method?: string;
  /** latency: added delay (default 1000). timeout: how long the request hangs (default 120000). */
  latencyMs?: number;
  /**
   * 'before' (default): the operation is not executed. 'after': it is executed and then the fault is answered —
   * the "500 although the instance was created" case.
   */
  when?: 'before' | 'after';
  message?: string;
}

interface ActiveFault extends FaultSpec {
  id: number;
  remaining: number;
  regex: RegExp | null;
}

export function createFaults(random: () => number) {
  let faults: ActiveFault[] = [];
  let nextId = 1;
  return {
    add(spec: FaultSpec): number {
      const id = nextId++;
      const remaining = spec.probability !== undefined ? Infinity : (spec.count ?? 1);
      faults.push({ ...spec, id, remaining, regex: spec.pathPattern ? new RegExp(spec.pathPattern) : null });
      return id;
    },
    clear(): void {
      faults = [];
    },
    list(): FaultSpec[] {
      return faults.map(({ id: _id, remaining: _r, regex: _x, ...spec }) => spec);
    },
    /** Consumes and returns the faults that apply to this request. */
    take(isToken: boolean, method: string, path: string): FaultSpec[] {
      const out: FaultSpec[] = [];
      for (const f of faults) {
        if ((f.kind === 'token_failure') !== isToken) continue;
        if (f.method && f.method.toUpperCase() !== method) continue;
        if (f.regex && !f.regex.test(path)) continue;
        if (f.probability !== undefined && random() >= f.probability) continue;
        f.remaining -= 1;
        out.push(f);
      }
      faults = faults.filter((f) => f.remaining > 0);
      return out;
    },
  };
}
export type Faults = ReturnType<typeof createFaults>;
