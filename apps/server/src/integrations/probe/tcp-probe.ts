import net from 'node:net';

export type ProbeError = 'timeout' | 'refused' | 'unreachable' | 'error';
export interface ProbeResult {
  /** Milliseconds until the TCP handshake completed; null when it failed. */
  latencyMs: number | null;
  error: ProbeError | null;
}

/** Opens a TCP connection (the handshake only: nothing is sent) and closes it at once. */
export function tcpProbe(host: string, port: number, timeoutMs: number): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const socket = new net.Socket();
    let done = false;
    const finish = (result: ProbeResult) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish({ latencyMs: null, error: 'timeout' }), timeoutMs);
    socket.once('connect', () => {
      const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
      finish({ latencyMs: Math.max(0, Math.round(elapsed)), error: null });
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      const code = err.code ?? '';
      const error: ProbeError =
        code === 'ECONNREFUSED' || code === 'ECONNRESET'
          ? 'refused'
          : ['EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL'].includes(code)
            ? 'unreachable'
            : code === 'ETIMEDOUT'
              ? 'timeout'
              : 'error';
      finish({ latencyMs: null, error });
    });
    try {
      socket.connect({ host, port });
    } catch {
      finish({ latencyMs: null, error: 'error' });
    }
  });
}

/**
 * Addresses the probe never connects to in production: loopback, private, link-local, CGNAT, multicast, reserved and
 * unspecified ranges (IPv4 and IPv6), so a wrong record can never turn the probe at our own network.
 */
export function isPublicAddress(ip: string): boolean {
  const version = net.isIP(ip);
  if (version === 0) return false;
  // An IPv4-mapped IPv6 address is judged as the IPv4 address it carries.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return isPublicAddress(mapped[1]!);
  const list = new net.BlockList();
  for (const [addr, bits] of [
    ['0.0.0.0', 8],
    ['10.0.0.0', 8],
    ['100.64.0.0', 10],
    ['127.0.0.0', 8],
    ['169.254.0.0', 16],
    ['172.16.0.0', 12],
    ['192.0.0.0', 24],
    ['192.0.2.0', 24],
    ['192.168.0.0', 16],
    ['198.18.0.0', 15],
    ['198.51.100.0', 24],
    ['203.0.113.0', 24],
    ['224.0.0.0', 4],
    ['240.0.0.0', 4],
  ] as const)
    list.addSubnet(addr, bits, 'ipv4');
  for (const [addr, bits] of [
    ['::', 128],
    ['::1', 128],
    ['64:ff9b::', 96],
    ['fc00::', 7],
    ['fe80::', 10],
    ['ff00::', 8],
    ['2001:db8::', 32],
  ] as const)
    list.addSubnet(addr, bits, 'ipv6');
  return !list.check(ip, version === 4 ? 'ipv4' : 'ipv6');
}
