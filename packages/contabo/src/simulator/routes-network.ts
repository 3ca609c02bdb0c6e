// Simulated Contabo network endpoints: reverse DNS (routes-ptr.ts) and firewalls (routes-firewall.ts).
import type { SimRoute } from './http-kit.ts';
import { firewallRoutes } from './routes-firewall.ts';
import { ptrRoutes } from './routes-ptr.ts';

export const networkRoutes: SimRoute[] = [...ptrRoutes, ...firewallRoutes];
