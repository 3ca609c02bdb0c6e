/**
 * Loaded before every server test file: outbound network is blocked. Any socket to a host other than loopback fails
 * the test with a clear error, so a forgotten real Contabo/Stripe/SMTP call can never pass silently.
 */
import net from 'node:net';
import { TEST_PASSWORD_COST, useTestPasswordCost } from '../src/modules/auth/password-hashing.ts';

// Test customers are hashed at scrypt's cheapest accepted cost (N=2^10, r=8, p=1) instead of the production one;
// `password-hashing.test.ts` checks the production parameters and restores them for its own tests.
useTestPasswordCost(TEST_PASSWORD_COST);

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost', '::ffff:127.0.0.1']);
const originalConnect = net.Socket.prototype.connect;

function targetHost(args: unknown[]): string | undefined {
  const first = args[0];
  if (Array.isArray(first)) return targetHost(first);
  if (first && typeof first === 'object') {
    const options = first as { host?: string; path?: string };
    if (options.path) return undefined; // unix socket
    return options.host ?? 'localhost';
  }
  if (typeof first === 'number') return typeof args[1] === 'string' ? args[1] : 'localhost';
  if (typeof first === 'string') return undefined; // unix socket path
  return undefined;
}

net.Socket.prototype.connect = function patchedConnect(this: net.Socket, ...args: unknown[]) {
  const host = targetHost(args);
  if (host !== undefined && !LOOPBACK.has(host) && !host.startsWith('127.')) {
    throw new Error(`Network access blocked in tests: attempted connection to ${host}`);
  }
  return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;
