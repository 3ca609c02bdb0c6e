// Local TCP listeners for the reachability probe tests: one that accepts, and one that never accepts (its accept queue
// is full, so the kernel drops further SYNs and a connect times out).
import { connect, createServer, type Server, type Socket } from 'node:net';
import { Worker } from 'node:worker_threads';

export async function acceptingListener(host: string): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * A listener that never accepts: a worker thread listens with a backlog of 1 and then blocks its event loop, so no
 * connection is ever accepted; a few filler connections fill the kernel's accept queue.
 */
export async function neverAcceptingListener(
  host: string,
): Promise<{ port: number; close(): Promise<void> }> {
  const worker = new Worker(
    `
    const { parentPort, workerData } = require('node:worker_threads');
    const net = require('node:net');
    const server = net.createServer();
    server.listen({ host: workerData.host, port: 0, backlog: 1 }, () => {
      parentPort.postMessage(server.address().port);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
    });
    `,
    { eval: true, workerData: { host } },
  );
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  // Fill the accept queue: the first connections complete in the kernel; later SYNs are dropped.
  const fillers: Socket[] = [];
  let connected = 0;
  for (let i = 0; i < 6; i++) {
    const s = connect({ host, port });
    s.on('connect', () => connected++);
    s.on('error', () => undefined);
    fillers.push(s);
  }
  const deadline = Date.now() + 2_000;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    if (connected >= 2 && Date.now() > deadline - 1_500) break;
  }
  if (connected >= fillers.length) throw new Error('the never-accepting listener accepted everything');
  return {
    port,
    close: async () => {
      for (const s of fillers) s.destroy();
      await worker.terminate();
    },
  };
}
