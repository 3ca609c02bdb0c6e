import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The instant (epoch ms) by which the HTTP request being served must be answered, for the calls made on its behalf
 * (Contabo's client reads it, so a hanging provider is given up on in time to answer a clear 503 before a reverse
 * proxy's own timeout). Background work (jobs, the ticker) runs outside any request and has no deadline.
 */
const store = new AsyncLocalStorage<number>();

export const requestDeadline = {
  run<T>(deadline: number, fn: () => T): T {
    return store.run(deadline, fn);
  },
  current(): number | undefined {
    return store.getStore();
  },
};
