// Relays a browser's WebSocket (noVNC) to one VNC server over TCP. The relay performs the VNC server's security
// handshake itself (VNC authentication with the recorded password, DES challenge–response), then offers the browser
// security type "None": the VNC password never reaches the browser. After both handshakes, bytes flow unchanged.
// The target is whatever the caller passes — callers take it from the database, never from the request.
import { createCipheriv } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import type { WebSocket } from 'ws';

export interface RelayTarget {
  host: string;
  port: number;
  password: string | null;
}

export interface RelayResult {
  /** normal | idle | replaced | unreachable | auth_failed | protocol_error | server_closed | shutdown */
  reason: string;
  bytesToServer: number;
  bytesToClient: number;
}

export interface RelayOptions {
  /** Closes the session after this long without a key, pointer or clipboard message from the browser. */
  idleTimeoutMs: number;
  connectTimeoutMs?: number;
}

export interface RelayHandle {
  /** Ends the session now (e.g. a newer one replaced it). */
  close(reason: string): void;
  done: Promise<RelayResult>;
}

/** WebSocket close codes the web console understands (4000–4999 are application codes). */
export const CLOSE_CODES: Record<string, number> = {
  unreachable: 4502,
  auth_failed: 4401,
  protocol_error: 4400,
  replaced: 4409,
  idle: 4408,
  server_closed: 4500,
  shutdown: 1001,
  normal: 1000,
};

/** A byte queue with "give me exactly n bytes" reads, for the two handshakes. */
class ByteQueue {
  private buffer = Buffer.alloc(0);
  private waiter: { n: number; resolve: (b: Buffer) => void; reject: (e: Error) => void } | null = null;
  private failed: Error | null = null;

  push(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    this.wake();
  }

  fail(error: Error): void {
    this.failed = error;
    this.wake();
  }

  read(n: number): Promise<Buffer> {
    return new Promise<Buffer>((resolve, reject) => {
      this.waiter = { n, resolve, reject };
      this.wake();
    });
  }

  /** Whatever arrived beyond the handshake. */
  drain(): Buffer {
    const all = this.buffer;
    this.buffer = Buffer.alloc(0);
    return all;
  }

  private wake(): void {
    const w = this.waiter;
    if (!w) return;
    if (this.buffer.length >= w.n) {
      this.waiter = null;
      const out = this.buffer.subarray(0, w.n);
      this.buffer = this.buffer.subarray(w.n);
      w.resolve(out);
    } else if (this.failed) {
      this.waiter = null;
      w.reject(this.failed);
    }
  }
}

class RelayError extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** VNC authentication: DES-encrypt the challenge with the password (8 bytes, bits of each byte mirrored). */
export function vncAuthResponse(password: string, challenge: Buffer): Buffer {
  const key = Buffer.alloc(8);
  Buffer.from(password, 'latin1').copy(key, 0, 0, 8);
  for (let i = 0; i < 8; i++) {
    let b = key[i]!;
    b = ((b & 0xf0) >> 4) | ((b & 0x0f) << 4);
    b = ((b & 0xcc) >> 2) | ((b & 0x33) << 2);
    b = ((b & 0xaa) >> 1) | ((b & 0x55) << 1);
    key[i] = b;
  }
  // Single DES through two-key triple DES with K1 = K2 (OpenSSL 3 keeps plain DES in the legacy provider only).
  const cipher = createCipheriv('des-ede-ecb', Buffer.concat([key, key]), null);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(challenge), cipher.final()]);
}

async function serverHandshake(q: ByteQueue, tcp: Socket, password: string | null): Promise<void> {
  const version = (await q.read(12)).toString('latin1');
  const m = /^RFB (\d{3})\.(\d{3})\n$/.exec(version);
  if (!m) throw new RelayError('protocol_error');
  const minor = Number(m[1]) > 3 ? 8 : Math.min(Number(m[2]), 8);
  const v = minor >= 8 ? 8 : minor >= 7 ? 7 : 3;
  tcp.write(`RFB 003.00${v}\n`);
  let chosen: number;
  if (v === 3) {
    chosen = (await q.read(4)).readUInt32BE(0);
    if (chosen === 0) throw new RelayError('protocol_error');
  } else {
    const n = (await q.read(1))[0]!;
    if (n === 0) throw new RelayError('protocol_error');
    const offered = [...(await q.read(n))];
    if (password !== null && offered.includes(2)) chosen = 2;
    else if (offered.includes(1)) chosen = 1;
    else throw new RelayError(offered.includes(2) ? 'auth_failed' : 'protocol_error');
    tcp.write(Buffer.from([chosen]));
  }
  if (chosen === 2) {
    if (password === null) throw new RelayError('auth_failed');
    tcp.write(vncAuthResponse(password, await q.read(16)));
  } else if (chosen !== 1) throw new RelayError('protocol_error');
  if (chosen === 2 || v === 8) {
    if ((await q.read(4)).readUInt32BE(0) !== 0) throw new RelayError('auth_failed');
  }
}

async function browserHandshake(q: ByteQueue, send: (b: Buffer) => void): Promise<void> {
  send(Buffer.from('RFB 003.008\n', 'latin1'));
  if (!/^RFB 003\.00[78]\n$/.test((await q.read(12)).toString('latin1')))
    throw new RelayError('protocol_error');
  send(Buffer.from([1, 1])); // one security type: None
  if ((await q.read(1))[0] !== 1) throw new RelayError('protocol_error');
  send(Buffer.from([0, 0, 0, 0])); // SecurityResult OK
}

export function startRfbRelay(ws: WebSocket, target: RelayTarget, options: RelayOptions): RelayHandle {
  const stats = { bytesToServer: 0, bytesToClient: 0 };
  const fromServer = new ByteQueue();
  const fromBrowser = new ByteQueue();
  let piping = false;
  let finished = false;
  let resolveDone!: (r: RelayResult) => void;
  const done = new Promise<RelayResult>((r) => (resolveDone = r));
  let idleTimer: NodeJS.Timeout | null = null;

  const tcp = connect({ host: target.host, port: target.port });
  tcp.setNoDelay(true);
  const connectTimer = setTimeout(() => finish('unreachable'), options.connectTimeoutMs ?? 5_000);

  const toBrowser = (data: Buffer) => {
    if (ws.readyState !== ws.OPEN) return;
    stats.bytesToClient += data.length;
    ws.send(data);
  };
  const toServer = (data: Buffer) => {
    if (!data.length || tcp.destroyed) return;
    stats.bytesToServer += data.length;
    tcp.write(data);
  };
  const touch = () => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = setTimeout(() => finish('idle'), options.idleTimeoutMs);
  };

  function finish(reason: string): void {
    if (finished) return;
    finished = true;
    clearTimeout(connectTimer);
    if (idleTimer) clearTimeout(idleTimer);
    tcp.destroy();
    fromServer.fail(new RelayError(reason));
    fromBrowser.fail(new RelayError(reason));
    if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) {
      ws.close(CLOSE_CODES[reason] ?? 1000, reason);
    }
    resolveDone({ reason, ...stats });
  }

  tcp.on('connect', () => clearTimeout(connectTimer));
  tcp.on('data', (chunk: Buffer) => (piping ? toBrowser(chunk) : fromServer.push(chunk)));
  tcp.on('error', () => finish(piping ? 'server_closed' : 'unreachable'));
  tcp.on('close', () => finish(piping ? 'server_closed' : 'unreachable'));

  ws.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => {
    const chunk = Buffer.isBuffer(data)
      ? data
      : Array.isArray(data)
        ? Buffer.concat(data)
        : Buffer.from(data);
    if (!piping) return fromBrowser.push(chunk);
    // Key (4), pointer (5) and clipboard (6) messages are the customer at work; frame requests are not.
    if (chunk[0] === 4 || chunk[0] === 5 || chunk[0] === 6) touch();
    toServer(chunk);
  });
  ws.on('close', () => finish('normal'));
  ws.on('error', () => finish('normal'));

  void (async () => {
    try {
      await serverHandshake(fromServer, tcp, target.password);
      await browserHandshake(fromBrowser, toBrowser);
      piping = true;
      touch();
      toServer(fromBrowser.drain());
      const early = fromServer.drain();
      if (early.length) toBrowser(early);
    } catch (error) {
      finish(error instanceof RelayError ? error.reason : 'protocol_error');
    }
  })();

  return { close: (reason) => finish(reason), done };
}
