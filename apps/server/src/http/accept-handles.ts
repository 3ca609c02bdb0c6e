import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';

/**
 * More accepts per event-loop turn for a busy process.
 *
 * libuv 1.46 (Node 20) accepts ONE connection each time epoll reports the listening socket readable, i.e. one per
 * event-loop turn. A process serving 1,000 connections turns every 100–250 ms, so a crowd opening connections at once
 * (a reconnect storm after a deploy, nginx opening upstream connections in a burst) waits in the kernel's accept
 * queue at 4–10 connections a second, and clients time out after 10 s although the handlers are fast
 * (`npm run bench:catalog` at 1,000 connections: hundreds of timeouts; measured with strace: one accept4 per turn).
 *
 * Each extra file descriptor of the same listening socket is one more watcher in the same epoll set, so K descriptors
 * accept up to K connections per turn. A descriptor can only be duplicated in Node by passing it over a Unix socket
 * (SCM_RIGHTS), so a tiny relay process receives the server's handle and sends it straight back, K−1 times, and is
 * then killed. Node ≥ 22.12 could open K sockets with `reusePort` instead.
 *
 * Failure to duplicate is not fatal: the process serves on its one descriptor and the caller logs why.
 */
export interface AcceptHandles {
  /** File descriptors now accepting for `server`, the original first. */
  fds: number[];
  /**
   * Stops accepting on the extra descriptors at once (the caller closes the original server as before). It does not
   * wait for their connections: those belong to the http server, whose own close ends them.
   */
  close(): void;
}

/**
 * Sends every handle straight back; the parent kills it once all are back. The handles travel as bare TCP handles,
 * never as a `net.Server`: a server handle arrives listening, so the relay itself would accept connections during its
 * few milliseconds of life and drop them when it is killed (clients saw "other side closed" right after a start).
 */
const RELAY = `process.on('message', (m, handle) => process.send(m, handle));`;

export async function addAcceptHandles(
  server: Server,
  count: number,
  timeoutMs = 10_000,
): Promise<AcceptHandles> {
  const extras: Server[] = [];
  let gaveUp = false;
  const originalFd = fdOf(server);
  const handles: AcceptHandles = {
    get fds() {
      return [originalFd, ...extras.map(fdOf)];
    },
    close: () => {
      for (const extra of extras) extra.close();
    },
  };
  if (count <= 1) return handles;

  const relay = spawn(process.execPath, ['-e', RELAY], {
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    env: {}, // the relay needs nothing of ours, least of all secrets
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the relay sent no handle back in ${timeoutMs} ms`)),
        timeoutMs,
      );
      relay.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      relay.once('exit', (code) => {
        clearTimeout(timer);
        if (extras.length < count - 1)
          reject(new Error(`the relay exited (${code}) before sending every handle`));
      });
      relay.on('message', (_message: unknown, handle: unknown) => {
        if (gaveUp) return void (handle as { close(): void }).close(); // late: the caller serves on one descriptor
        // Our own listening server on the duplicated descriptor (net accepts a bare TCP handle to listen on).
        const extra = createServer().listen(handle as never);
        // The http server's own 'connection' listener parses requests, counts connections for close(), timeouts…
        extra.on('connection', (socket) => server.emit('connection', socket));
        extras.push(extra);
        if (extras.length === count - 1) {
          clearTimeout(timer);
          resolve();
        }
      });
      const native = (server as unknown as { _handle: unknown })._handle;
      for (let i = 1; i < count; i++) relay.send('dup', native as never);
    });
  } catch (error) {
    gaveUp = true;
    handles.close();
    extras.length = 0;
    throw error;
  } finally {
    relay.kill('SIGKILL');
  }
  return handles;
}

function fdOf(server: Server): number {
  return (server as unknown as { _handle?: { fd?: number } })._handle?.fd ?? -1;
}
