// A real VNC server for tests: Debian's TigerVNC `Xvnc` (package tigervnc-standalone-server, installed by .ci/run)
// on a spare display and a free local port, with a password file made by `tigervncpasswd -f`.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.ts';

export interface XvncServer {
  port: number;
  password: string;
  width: number;
  height: number;
  close(): Promise<void>;
}

const canConnect = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect({ host: '127.0.0.1', port }, () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });

export async function startXvnc(password = 'vnc-Test1'): Promise<XvncServer> {
  const dir = mkdtempSync(join(tmpdir(), 'cv-xvnc-'));
  const passwd = spawnSync('tigervncpasswd', ['-f'], { input: `${password}\n` });
  if (passwd.status !== 0) throw new Error(`tigervncpasswd failed: ${passwd.stderr.toString()}`);
  writeFileSync(join(dir, 'passwd'), passwd.stdout, { mode: 0o600 });
  const width = 320;
  const height = 200;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const display = 100 + Math.floor(Math.random() * 800);
    const child: ChildProcess = spawn(
      'Xvnc',
      [
        `:${display}`,
        '-rfbport',
        String(port),
        '-SecurityTypes',
        'VncAuth',
        '-PasswordFile',
        join(dir, 'passwd'),
        '-geometry',
        `${width}x${height}`,
        '-depth',
        '24',
        '-nolisten',
        'tcp',
        '-localhost',
        '-retro', // the classic stippled root window: visible, non-blank pixels
      ],
      { stdio: 'ignore' },
    );
    let exited = false;
    child.once('exit', () => (exited = true));
    for (let i = 0; i < 50 && !exited; i++) {
      if (await canConnect(port)) {
        return {
          port,
          password,
          width,
          height,
          close: async () => {
            if (!exited) {
              const gone = new Promise((r) => child.once('exit', r));
              child.kill('SIGTERM');
              await gone;
            }
            rmSync(dir, { recursive: true, force: true });
          },
        };
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill('SIGKILL');
  }
  rmSync(dir, { recursive: true, force: true });
  throw new Error('Xvnc did not start (is tigervnc-standalone-server installed?)');
}
