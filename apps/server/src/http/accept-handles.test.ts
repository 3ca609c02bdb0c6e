import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { addAcceptHandles, type AcceptHandles } from './accept-handles.ts';

const open: Array<{ server: Server; handles?: AcceptHandles }> = [];
afterEach(async () => {
  for (const { server, handles } of open.splice(0)) {
    handles?.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function listen(extraHandles = 1): Promise<{ server: Server; handles: AcceptHandles }> {
  const server = createServer((req, res) => res.end(`served ${req.url}`));
  await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1' }, resolve));
  const handles = await addAcceptHandles(server, extraHandles);
  open.push({ server, handles });
  return { server, handles };
}
const portOf = (server: Server) => (server.address() as AddressInfo).port;

/**
 * Opens `count` connections from a worker thread (its own event loop) while this thread's loop is blocked, so they
 * all wait in the accept queue; then counts how many the server accepts in its first event-loop turn.
 */
async function acceptedInFirstTurn(server: Server, count: number): Promise<number> {
  const ready = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(
    `const { workerData } = require('node:worker_threads');
     const net = require('node:net');
     let connected = 0;
     for (let i = 0; i < workerData.count; i++) {
       const socket = net.connect(workerData.port, '127.0.0.1', () => {
         if (++connected === workerData.count) { Atomics.store(workerData.ready, 0, 1); Atomics.notify(workerData.ready, 0); }
       });
       socket.on('error', () => {});
     }
     setTimeout(() => {}, 60_000);`,
    { eval: true, workerData: { count, port: portOf(server), ready } },
  );
  try {
    let inFirstTurn = -1;
    let accepted = 0;
    const firstTurn = new Promise<void>((resolve) => {
      server.on('connection', () => {
        accepted++;
        // Runs after this turn's poll phase: every connection accepted before it came in the same turn.
        if (accepted === 1)
          setImmediate(() => {
            inFirstTurn = accepted;
            resolve();
          });
      });
    });
    // The kernel completes the handshakes without the server; this thread stays blocked until all are queued.
    expect(Atomics.wait(ready, 0, 0, 10_000)).not.toBe('timed-out');
    await firstTurn;
    return inFirstTurn;
  } finally {
    await worker.terminate();
  }
}

describe('extra accept handles', () => {
  it('K descriptors accept K times as many queued connections in one event-loop turn as one descriptor', async () => {
    // On Node 20 (libuv 1.46) one descriptor accepts exactly one queued connection per turn: why the handles exist.
    // A libuv that accepts in a loop would take all 12 at once, and the handles could not do better than that.
    const single = await listen(1);
    const withOne = await acceptedInFirstTurn(single.server, 12);
    expect(withOne).toBeGreaterThanOrEqual(1);

    const { server, handles } = await listen(4);
    expect(new Set(handles.fds).size).toBe(4);
    expect(await acceptedInFirstTurn(server, 12)).toBe(Math.min(12, 4 * withOne));
  });

  it('connections accepted on any descriptor are served by the same http server', async () => {
    const { server } = await listen(3);
    const bodies = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        fetch(`http://127.0.0.1:${portOf(server)}/n${i}`, { headers: { connection: 'close' } }).then((r) =>
          r.text(),
        ),
      ),
    );
    expect(bodies).toEqual(Array.from({ length: 30 }, (_, i) => `served /n${i}`));
  });

  it('after close() and the server’s own close nothing listens on the port', async () => {
    const { server, handles } = await listen(3);
    const port = portOf(server);
    handles.close();
    await new Promise((resolve) => server.close(resolve));
    open.pop();
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  });

  it('connections that arrive while the descriptors are duplicated are all served: the relay never accepts', async () => {
    const server = createServer((req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1' }, resolve));
    open.push({ server });
    const stop = new Int32Array(new SharedArrayBuffer(4));
    // Clients on their own event loop, one new connection per request, for as long as the duplication lasts.
    const worker = new Worker(
      `const { workerData, parentPort } = require('node:worker_threads');
       const http = require('node:http');
       let served = 0, failed = 0, running = 0;
       const one = () => new Promise((resolve) => {
         const req = http.get({ host: '127.0.0.1', port: workerData.port, agent: false, timeout: 5000 }, (res) => {
           res.resume(); res.on('end', () => { served++; resolve(); });
         });
         req.on('timeout', () => req.destroy(new Error('timeout')));
         req.on('error', () => { failed++; resolve(); });
       });
       const client = async () => { while (!Atomics.load(workerData.stop, 0)) await one(); };
       Promise.all(Array.from({ length: 16 }, client)).then(() => parentPort.postMessage({ served, failed }));`,
      { eval: true, workerData: { port: portOf(server), stop } },
    );
    const result = new Promise<{ served: number; failed: number }>((resolve) =>
      worker.once('message', resolve),
    );
    await new Promise((r) => setTimeout(r, 100));
    const handles = await addAcceptHandles(server, 64);
    open[open.length - 1]!.handles = handles;
    await new Promise((r) => setTimeout(r, 100));
    Atomics.store(stop, 0, 1);
    const { served, failed } = await result;
    await worker.terminate();
    expect(failed).toBe(0);
    expect(served).toBeGreaterThan(20);
  });

  it('a count of 1 keeps the one descriptor', async () => {
    const { handles } = await listen(1);
    expect(handles.fds).toHaveLength(1);
  });
});
