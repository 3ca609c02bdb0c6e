import { z } from 'zod';

/**
 * Every environment variable the platform reads, declared once and validated at boot. `loadConfig` is pure: it reads
 * the given environment and either returns a typed config or throws a `ConfigError` listing every problem at once.
 * Secrets that may be generated in embedded mode (ENCRYPTION_KEY, JWT_SECRET) are resolved by `resolveSecrets`.
 */
const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const optionalUrl = z.preprocess(emptyToUndefined, z.url().optional());
const hexKey = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hexadecimal characters (32 bytes), e.g. `openssl rand -hex 32`')
    .optional(),
);
const booleanFlag = z.preprocess(
  (v) => (typeof v === 'string' ? ['1', 'true', 'yes', 'on'].includes(v.toLowerCase()) : v),
  z.boolean(),
);
/**
 * TRUST_PROXY: which `X-Forwarded-For` hops to believe. A number is how many proxies stand in front of the app (the
 * client is the right-most entry those proxies did not add); a comma-separated list names the proxies' addresses or
 * CIDRs. `true` means one proxy (the usual nginx in front), never "believe the left-most entry", which any client
 * can write. Unset, `false` or `0`: the socket address is the client.
 */
const PROXY_ADDRESS = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-f:]*:[0-9a-f:.]*)(\/\d{1,3})?$/i;
const trustProxy = z
  .preprocess(emptyToUndefined, z.string().optional())
  .transform((raw, ctx): false | number | string[] => {
    const value = raw?.trim().toLowerCase();
    if (!value || ['false', 'no', 'off', '0'].includes(value)) return false;
    if (['true', 'yes', 'on'].includes(value)) return 1;
    if (/^\d+$/.test(value)) {
      const hops = Number(value);
      if (hops <= 10) return hops;
    }
    const list = value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
    if (
      list.length &&
      list.every(
        (item) => PROXY_ADDRESS.test(item) || ['loopback', 'linklocal', 'uniquelocal'].includes(item),
      )
    ) {
      return list;
    }
    ctx.addIssue({
      code: 'custom',
      message:
        'must be a hop count (1–10) or a comma-separated list of proxy addresses or CIDRs (e.g. 10.0.0.0/8)',
    });
    return z.NEVER;
  });
const duration = z
  .string()
  .regex(/^\d+[smhd]$/, 'must be a duration like 15m, 12h or 7d')
  .transform((v) => {
    const n = Number(v.slice(0, -1));
    const unit = v.slice(-1) as 's' | 'm' | 'h' | 'd';
    return n * { s: 1, m: 60, h: 3600, d: 86_400 }[unit];
  });

const ZEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /**
   * Descriptors of the listening socket polled side by side: a busy Node 20 process accepts one connection per
   * descriptor per event-loop turn (`http/accept-handles.ts`). 1 turns the relay off.
   */
  LISTEN_ACCEPT_HANDLES: z.coerce.number().int().min(1).max(256).default(64),
  APP_URL: optionalUrl,
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
  ),
  /**
   * Connections per process. A busy event loop reads each query's result late, so a connection is held for a loop
   * turn, not for the query: bench:load at 1,000 customers had 356 requests waiting for one of 20 (reads p99 1.6 s),
   * 9 waiting for one of 40 (p99 0.4 s).
   */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(40),
  REDIS_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// URL')
      .optional(),
  ),
  ROLE: z.enum(['api', 'worker', 'all']).default('all'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: trustProxy,
  CORS_ORIGINS: z.preprocess(emptyToUndefined, z.string().optional()),
  /** Shared rate limits on /api (counters in PostgreSQL, or Redis with REDIS_URL). Turn off only for benchmarks. */
  RATE_LIMIT_DISABLED: booleanFlag.default(false),
  RATE_LIMIT_IP_PER_MINUTE: z.coerce.number().int().min(1).default(100),
  RATE_LIMIT_USER_PER_HOUR: z.coerce.number().int().min(1).default(1000),
  /** Staff accounts (admin, support) do bulk work: their own, higher per-user limit. */
  RATE_LIMIT_STAFF_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(20_000),
  /** How long each instance keeps the public catalog in memory; admin changes clear every instance at once. */
  CATALOG_CACHE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(5),
  /** The reachability probe never connects to private, loopback or reserved addresses unless this is set (tests). */
  PROBE_ALLOW_PRIVATE_TARGETS: booleanFlag.default(false),

  JWT_SECRET: z.preprocess(emptyToUndefined, z.string().min(32, 'must be at least 32 characters').optional()),
  JWT_EXPIRES_IN: duration.default(900),
  JWT_REFRESH_EXPIRES_IN: duration.default(7 * 86_400),
  ENCRYPTION_KEY: hexKey,

  CONTABO_CLIENT_ID: optionalString,
  CONTABO_CLIENT_SECRET: optionalString,
  CONTABO_API_USER: optionalString,
  CONTABO_API_PASSWORD: optionalString,
  CONTABO_AUTH_URL: z
    .url()
    .default('https://auth.contabo.com/auth/realms/contabo/protocol/openid-connect/token'),
  CONTABO_API_URL: z.url().default('https://api.contabo.com'),
  CONTABO_RATE_LIMIT_PER_SECOND: z.coerce.number().positive().default(5),
  /** Total Contabo time one HTTP request may spend (all attempts), so it answers before a proxy's 60 s. */
  CONTABO_REQUEST_BUDGET_MS: z.coerce.number().int().min(1000).max(55_000).default(20_000),

  STRIPE_SECRET_KEY: optionalString,
  STRIPE_WEBHOOK_SECRET: optionalString,
  MERCADOPAGO_ACCESS_TOKEN: optionalString,
  MERCADOPAGO_WEBHOOK_SECRET: optionalString,
  PAYPAL_CLIENT_ID: optionalString,
  PAYPAL_CLIENT_SECRET: optionalString,
  PAYPAL_WEBHOOK_ID: optionalString,
  PAYPAL_MODE: z.enum(['sandbox', 'live']).default('live'),

  SMTP_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^smtps?:\/\//, 'must be smtp:// or smtps://')
      .optional(),
  ),
  SENDGRID_API_KEY: optionalString,
  EMAIL_FROM: z.string().default('Cloud Vértice <noreply@cloudvertice.local>'),

  /** S3-compatible object storage for ticket attachments (e.g. Contabo Object Storage); unset → files under DATA_DIR. */
  S3_ENDPOINT: optionalUrl,
  S3_REGION: z.string().default('us-east-1'),
  S3_BUCKET: optionalString,
  S3_ACCESS_KEY_ID: optionalString,
  S3_SECRET_ACCESS_KEY: optionalString,
  /** Path-style URLs (`endpoint/bucket/key`), which most S3-compatible services need. */
  S3_FORCE_PATH_STYLE: booleanFlag.default(true),
  /** `/metrics` answers only with `Authorization: Bearer <METRICS_TOKEN>`; without it (and no METRICS_PORT) → 404. */
  METRICS_TOKEN: z.preprocess(
    emptyToUndefined,
    z.string().min(16, 'must be at least 16 characters').optional(),
  ),
  /** Serves `/metrics` on its own port (bind it to a private interface); the public port then answers 404. */
  METRICS_PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(65535).optional()),

  /** Encrypts backup archives (AES-256-GCM); kept apart from the data and from ENCRYPTION_KEY. */
  BACKUP_KEY: hexKey,
  /** The daily backup job (pg-boss cron, UTC) to DATA_DIR/backups or the S3 bucket; off unless set. */
  BACKUP_DAILY: booleanFlag.default(false),
  BACKUP_CRON: z
    .string()
    .regex(/^(\S+\s+){4}\S+$/, 'must be a 5-field cron expression')
    .default('15 3 * * *'),
  BACKUP_KEEP_DAILY: z.coerce.number().int().min(1).max(366).default(7),
  BACKUP_KEEP_WEEKLY: z.coerce.number().int().min(0).max(520).default(4),

  ADMIN_EMAIL: z.preprocess(emptyToUndefined, z.email().optional()),
  ADMIN_PASSWORD: z.preprocess(
    emptyToUndefined,
    z.string().min(10, 'must be at least 10 characters').optional(),
  ),
});

export type Env = z.infer<typeof ZEnv>;

export interface Config extends Env {
  appUrl: string;
  /** APP_URL was set: only its origin (and CORS_ORIGINS) may send unsafe requests; else the request's own host. */
  appUrlConfigured: boolean;
  embedded: boolean;
  contabo:
    | { mode: 'live'; clientId: string; clientSecret: string; username: string; password: string }
    | { mode: 'simulated' };
  demoMode: boolean;
  corsOrigins: string[];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const CONTABO_VARS = [
  'CONTABO_CLIENT_ID',
  'CONTABO_CLIENT_SECRET',
  'CONTABO_API_USER',
  'CONTABO_API_PASSWORD',
] as const;

const S3_VARS = ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;

export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const parsed = ZEnv.safeParse(source);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path.join('.') || '(root)';
      const value = typeof source[key] === 'string' ? ` (got "${String(source[key]).slice(0, 40)}")` : '';
      problems.push(`${key}: ${issue.message}${value}`);
    }
    throw new ConfigError(problems);
  }
  const env = parsed.data;
  const embedded = !env.DATABASE_URL;

  const contaboSet = CONTABO_VARS.filter((k) => env[k]);
  if (contaboSet.length > 0 && contaboSet.length < CONTABO_VARS.length) {
    const missing = CONTABO_VARS.filter((k) => !env[k]).join(', ');
    problems.push(`Contabo credentials are incomplete: set ${missing} too (or none of them for demo mode)`);
  }
  if (!embedded && !env.ENCRYPTION_KEY) {
    problems.push(
      'ENCRYPTION_KEY: required with DATABASE_URL (64 hex characters, e.g. `openssl rand -hex 32`)',
    );
  }
  if (!embedded && !env.JWT_SECRET) {
    problems.push(
      'JWT_SECRET: required with DATABASE_URL (at least 32 characters, e.g. `openssl rand -hex 32`)',
    );
  }
  // ADMIN_EMAIL alone is fine (the password is generated and printed once); a password for no one is not.
  if (env.ADMIN_PASSWORD && !env.ADMIN_EMAIL) {
    problems.push('ADMIN_PASSWORD: set ADMIN_EMAIL too (the administrator it is for)');
  }
  const s3Set = S3_VARS.filter((k) => env[k]);
  if (s3Set.length > 0 && s3Set.length < S3_VARS.length) {
    problems.push(
      `S3 storage is incomplete: set ${S3_VARS.filter((k) => !env[k]).join(', ')} too (or none of them)`,
    );
  }
  if (env.BACKUP_DAILY && !env.BACKUP_KEY) {
    problems.push('BACKUP_KEY: required with BACKUP_DAILY (64 hex characters, e.g. `openssl rand -hex 32`)');
  }
  if (
    env.BACKUP_KEY &&
    env.ENCRYPTION_KEY &&
    env.BACKUP_KEY.toLowerCase() === env.ENCRYPTION_KEY.toLowerCase()
  ) {
    problems.push(
      'BACKUP_KEY: must differ from ENCRYPTION_KEY (a backup key separate from the data it protects)',
    );
  }
  if (env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRET) {
    problems.push('STRIPE_WEBHOOK_SECRET: required when STRIPE_SECRET_KEY is set');
  }
  if (Boolean(env.PAYPAL_CLIENT_ID) !== Boolean(env.PAYPAL_CLIENT_SECRET)) {
    problems.push('PAYPAL_CLIENT_ID and PAYPAL_CLIENT_SECRET must be set together');
  }
  if (problems.length) throw new ConfigError(problems);

  const contabo: Config['contabo'] =
    contaboSet.length === CONTABO_VARS.length
      ? {
          mode: 'live',
          clientId: env.CONTABO_CLIENT_ID!,
          clientSecret: env.CONTABO_CLIENT_SECRET!,
          username: env.CONTABO_API_USER!,
          password: env.CONTABO_API_PASSWORD!,
        }
      : { mode: 'simulated' };
  const paymentsConfigured = Boolean(
    env.STRIPE_SECRET_KEY || env.MERCADOPAGO_ACCESS_TOKEN || env.PAYPAL_CLIENT_ID,
  );

  return {
    ...env,
    appUrl: (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
    appUrlConfigured: Boolean(env.APP_URL),
    embedded,
    contabo,
    demoMode: contabo.mode === 'simulated' || !paymentsConfigured,
    corsOrigins: env.CORS_ORIGINS ? env.CORS_ORIGINS.split(',').map((o) => o.trim()) : [],
  };
}
