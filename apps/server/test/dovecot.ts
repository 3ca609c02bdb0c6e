/**
 * A real IMAP server for the reply-by-e-mail tests: Debian's Dovecot (`dovecot-imapd`), started in a temp dir on a
 * spare port with one passwd-file user and plaintext login on 127.0.0.1 only. When dovecot is missing the test fails
 * and says how to install it (`.ci/run` installs it).
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.ts';

const DOVECOT = '/usr/sbin/dovecot';

export interface Dovecot {
  host: string;
  port: number;
  user: string;
  password: string;
  stop(): Promise<void>;
}

export async function startDovecot(): Promise<Dovecot> {
  if (!existsSync(DOVECOT)) throw new Error('dovecot is not installed: apt-get install -y dovecot-imapd');
  const dir = mkdtempSync(join(tmpdir(), 'cv-dovecot-'));
  chmodSync(dir, 0o755);
  for (const sub of ['run', 'state', 'home']) mkdirSync(join(dir, sub), { mode: 0o777 });
  chmodSync(join(dir, 'home'), 0o777);
  const port = await freePort();
  const user = 'soporte';
  const password = 'imap-test-password';
  const running = typeof process.getuid === 'function' ? process.getuid() : 0;
  const asRoot = running === 0;
  writeFileSync(join(dir, 'passwd'), `${user}:{PLAIN}${password}::::::\n`);
  writeFileSync(
    join(dir, 'dovecot.conf'),
    [
      'protocols = imap',
      'listen = 127.0.0.1',
      `base_dir = ${dir}/run`,
      `state_dir = ${dir}/state`,
      `log_path = ${dir}/dovecot.log`,
      'ssl = no',
      'disable_plaintext_auth = no',
      'auth_mechanisms = plain login',
      // As root the package's unprivileged users run the login and internal processes; otherwise the current user.
      ...(asRoot
        ? ['default_internal_user = dovecot', 'default_login_user = dovenull']
        : [
            `default_internal_user = ${process.env.USER ?? 'nobody'}`,
            `default_login_user = ${process.env.USER ?? 'nobody'}`,
          ]),
      `passdb {\n  driver = passwd-file\n  args = scheme=PLAIN ${dir}/passwd\n}`,
      `userdb {\n  driver = static\n  args = uid=${asRoot ? 'dovecot' : running} gid=${asRoot ? 'dovecot' : running} home=${dir}/home/%u\n}`,
      'mail_location = maildir:~/Maildir',
      'first_valid_uid = 1',
      'first_valid_gid = 1',
      `service imap-login {\n  inet_listener imap {\n    port = ${port}\n  }\n  inet_listener imaps {\n    port = 0\n  }\n}`,
      'service anvil {\n  chroot =\n}',
      'service imap-login {\n  chroot =\n}',
      '',
    ].join('\n'),
  );
  const child = spawn(DOVECOT, ['-F', '-c', join(dir, 'dovecot.conf')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`dovecot exited: ${output}`);
    const ok = await canConnect(port);
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      const log = existsSync(join(dir, 'dovecot.log')) ? readFileSync(join(dir, 'dovecot.log'), 'utf8') : '';
      throw new Error(`dovecot did not listen on ${port}: ${output}\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
