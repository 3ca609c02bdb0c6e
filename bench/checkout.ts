/**
 * `npm run bench:checkout`: 50 concurrent verified customers each create orders in a closed loop for 10 s against
 * the platform on PostgreSQL; prints orders created per second and latency percentiles of POST /api/orders.
 */
import { closedLoop, createCustomers, ORIGIN_HEADERS, percentile, startPlatform } from './lib.ts';

const customers = Number(process.env.BENCH_CUSTOMERS ?? 50);
const seconds = Number(process.env.BENCH_DURATION ?? 10);
const platform = await startPlatform('postgres', { RATE_LIMIT_DISABLED: 'true' });
try {
  const products = (await (await fetch(`${platform.url}/api/products`)).json()) as {
    items: Array<{ id: string }>;
  };
  const images = (await (await fetch(`${platform.url}/api/images`)).json()) as {
    items: Array<{ id: string }>;
  };
  console.log(`creating ${customers} customers…`);
  const users = await createCustomers(platform.url, platform.databaseUrl!, customers);
  const body = (i: number) =>
    JSON.stringify({
      legalAccepted: { terms: 1, refunds: 1 }, // a fresh platform's first versions
      items: [
        {
          productId: products.items[i % products.items.length]!.id,
          periodMonths: [1, 6, 12][i % 3],
          region: 'EU',
          imageId: images.items[0]!.id,
        },
        {
          productId: products.items[(i + 3) % products.items.length]!.id,
          periodMonths: 1,
          region: 'US-east',
          imageId: images.items[1]!.id,
        },
      ],
    });
  let orders = 0;
  const result = await closedLoop(customers, seconds, async (worker) => {
    const res = await fetch(`${platform.url}/api/orders`, {
      method: 'POST',
      headers: { ...ORIGIN_HEADERS(platform.url), authorization: `Bearer ${users[worker]!.token}` },
      body: body(worker),
    });
    if (res.status !== 201) return false;
    orders += ((await res.json()) as { items: unknown[] }).items.length;
    return true;
  });
  console.log(
    `\nbench:checkout — ${customers} concurrent customers, ${seconds} s, PostgreSQL, ${new Date().toISOString()}`,
  );
  console.log(
    `checkouts: ${result.latencies.length} (${orders} orders, 2 VPS per cart), errors: ${result.errors}`,
  );
  console.log(`orders created per second: ${(orders / result.elapsed).toFixed(1)}`);
  console.log(`checkouts per second: ${(result.latencies.length / result.elapsed).toFixed(1)}`);
  console.log(
    `POST /api/orders latency ms: p50 ${percentile(result.latencies, 50).toFixed(1)}, ` +
      `p99 ${percentile(result.latencies, 99).toFixed(1)}, max ${percentile(result.latencies, 100).toFixed(1)}`,
  );
} finally {
  await platform.stop();
}
