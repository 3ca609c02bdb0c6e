// Runs deploy/nginx.conf locally: the same file as production, with the upstream servers, the listen block and the
// port-80 redirect server (between its `# bench:` markers) swapped for local ones. Used by `bench:load` (two
// processes behind nginx) and by the deployment test (`nginx -t` on the real file).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const NGINX_CONF = join(import.meta.dirname, '../deploy/nginx.conf');

function replaceBlock(source: string, name: string, replacement: string): string {
  const pattern = new RegExp(`( *)# bench:${name}-begin\\n[\\s\\S]*?# bench:${name}-end\\n`);
  if (!pattern.test(source)) throw new Error(`deploy/nginx.conf has no bench:${name} markers`);
  return source.replace(pattern, (_m, indent: string) =>
    replacement
      .split('\n')
      .map((line) => (line ? indent + line : line))
      .join('\n'),
  );
}

export function localNginxConfig(options: {
  upstreams: string[];
  port: number;
  /** Directory for the pid file, logs and temp files. */
  prefix: string;
  tls?: { cert: string; key: string };
  /**
   * A crowd from one machine: nginx takes each client's address from the X-Forwarded-For the generator writes (as if
   * every connection came from its own address), then replaces the header with it exactly as in production.
   */
  crowd?: boolean;
}): string {
  let conf = readFileSync(NGINX_CONF, 'utf8');
  conf = replaceBlock(
    conf,
    'upstream',
    options.upstreams.map((u) => `server ${u} max_fails=3 fail_timeout=10s;\n`).join(''),
  );
  conf = replaceBlock(
    conf,
    'http',
    options.crowd ? 'set_real_ip_from 127.0.0.1;\nreal_ip_header X-Forwarded-For;\n' : '',
  );
  const listen = options.tls
    ? `listen 127.0.0.1:${options.port} ssl http2;\nserver_name localhost;\nssl_certificate ${options.tls.cert};\n` +
      `ssl_certificate_key ${options.tls.key};\nssl_protocols TLSv1.2 TLSv1.3;\n` +
      `add_header Strict-Transport-Security "max-age=63072000; includeSubDomains" always;\n`
    : `listen 127.0.0.1:${options.port};\nserver_name localhost;\n`;
  conf = replaceBlock(conf, 'listen', listen);
  const p = options.prefix;
  conf = conf.replace(
    'worker_processes auto;',
    `worker_processes 1;\npid ${p}/nginx.pid;\nerror_log ${p}/error.log warn;\ndaemon off;`,
  );
  conf = conf.replace(
    'http {\n',
    `http {\n  access_log off;\n  client_body_temp_path ${p}/body;\n  proxy_temp_path ${p}/proxy;\n` +
      `  fastcgi_temp_path ${p}/fastcgi;\n  uwsgi_temp_path ${p}/uwsgi;\n  scgi_temp_path ${p}/scgi;\n`,
  );
  return conf;
}

/** Writes the local config into `prefix` and returns the nginx command line for it. */
export function writeLocalNginx(options: Parameters<typeof localNginxConfig>[0]): string[] {
  mkdirSync(options.prefix, { recursive: true });
  const file = join(options.prefix, 'nginx.conf');
  writeFileSync(file, localNginxConfig(options));
  return ['-p', options.prefix, '-c', file];
}

export function startNginx(options: Parameters<typeof localNginxConfig>[0]): ChildProcess {
  return spawn('nginx', writeLocalNginx(options), { stdio: ['ignore', 'inherit', 'inherit'] });
}
