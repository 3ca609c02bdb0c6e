// Standalone simulator for demo mode: `npm run contabo:sim -- --port 5550 [--host 127.0.0.1] [--no-seed]
// [--instances 50] [--provision-ms 10000] [--action-ms 3000] [--token-ttl 300] [--rate-limit 5 [--rate-scope mutations] [--rate-burst 2]]`.
// With --rate-limit the simulator answers 429 above that many requests per second, like Contabo would.
import { parseArgs } from 'node:util';
import { startContaboSimulator } from './server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5550' },
    host: { type: 'string', default: '127.0.0.1' },
    'no-seed': { type: 'boolean', default: false },
    instances: { type: 'string', default: '0' },
    'provision-ms': { type: 'string' },
    'action-ms': { type: 'string' },
    'token-ttl': { type: 'string' },
    'rate-limit': { type: 'string' },
    'rate-scope': { type: 'string', default: 'all' },
    'rate-burst': { type: 'string', default: '2' },
  },
});

const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
const sim = await startContaboSimulator({
  port: Number(values.port),
  host: values.host,
  seed: !values['no-seed'],
  tokenExpiresIn: num(values['token-ttl']),
  timing: { provisionMs: num(values['provision-ms']), actionMs: num(values['action-ms']) },
  ...(values['rate-limit']
    ? {
        rateLimit: {
          requestsPerSecond: Number(values['rate-limit']),
          burst: Number(values['rate-burst']),
          scope: values['rate-scope'] === 'mutations' ? ('mutations' as const) : ('all' as const),
        },
      }
    : {}),
});
const extra = Number(values.instances);
if (extra > 0) sim.control.seedInstances(extra);

console.log(`Contabo simulator listening on ${sim.url}
  CONTABO_AUTH_URL=${sim.authUrl}
  CONTABO_API_URL=${sim.apiUrl}
  CONTABO_CLIENT_ID=${sim.credentials.clientId}
  CONTABO_CLIENT_SECRET=${sim.credentials.clientSecret}
  CONTABO_API_USER=${sim.credentials.username}
  CONTABO_API_PASSWORD=${sim.credentials.password}
  control: ${sim.url}/__control/counters (GET), /__control/faults (POST/DELETE), /__control/clock/advance (POST)`);

const stop = () => {
  void sim.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
