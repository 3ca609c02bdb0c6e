import { notFound } from '../../lib/errors.ts';

/** Who may act on a server. Someone else's server is "not found": its existence is never revealed. */
export function canUseServer(caller: { id: string }, vps: { userId: string }): boolean {
  return vps.userId === caller.id;
}

export function assertCanUseServer<T extends { userId: string }>(
  caller: { id: string },
  vps: T | null | undefined,
): asserts vps is T {
  if (!vps || !canUseServer(caller, vps)) throw notFound('Server');
}
