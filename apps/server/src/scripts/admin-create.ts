/**
 * `npm run admin:create -- --email you@example.com [--password '…']`: creates an administrator, or promotes an
 * existing account (and replaces its password when one is given). Prompts for what is missing. Uses the same
 * configuration as the server (.env, DATABASE_URL or the embedded DATA_DIR, which must not be in use).
 */
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { loadConfig, ConfigError } from '../config.ts';
import { createContainer } from '../container.ts';
import { createLocalEventBus } from '../events/bus.ts';
import { createContaboIntegration } from '../integrations/contabo/contabo.ts';
import { openDatabase } from '../db/client.ts';
import { runMigrations } from '../db/migrate.ts';
import { AppError } from '../lib/errors.ts';
import { createLogger } from '../lib/logger.ts';
import { upsertAdmin } from '../modules/auth/auth.bootstrap.ts';
import { resolveSecrets } from '../secrets.ts';

async function ask(question: string, hidden = false): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  if (hidden) {
    const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput;
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) =>
      write.call(rl, s.startsWith(question) ? s : '');
  }
  const answer = await rl.question(question);
  rl.close();
  if (hidden) process.stdout.write('\n');
  return answer.trim();
}

async function main(): Promise<void> {
  try {
    process.loadEnvFile?.('.env');
  } catch {
    // no .env file
  }
  const { values } = parseArgs({ options: { email: { type: 'string' }, password: { type: 'string' } } });
  const config = loadConfig(process.env);
  const email = values.email ?? (await ask('Administrator e-mail: '));
  const password = values.password ?? (await ask('Password (empty to keep an existing account’s): ', true));

  const logger = createLogger('warn');
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    await runMigrations(database);
    const contabo = await createContaboIntegration({ config, logger, simulator: { seed: false } });
    const container = createContainer({
      config,
      database,
      logger,
      secrets: resolveSecrets(config),
      contabo,
      events: createLocalEventBus(),
    });
    const result = await upsertAdmin(
      { auth: container.authLibrary, repo: container.authRepo },
      { email, password: password || undefined },
    );
    await container.audit.record({
      actorId: result.userId,
      actorRole: 'admin',
      action: result.outcome === 'created' ? 'admin.created_by_cli' : 'admin.promoted_by_cli',
      entityType: 'user',
      entityId: result.userId,
    });
    await container.close();
    await contabo.close();
    process.stdout.write(`✔ ${email} is an administrator (${result.outcome}).\n`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  const message =
    error instanceof ConfigError || error instanceof AppError || error instanceof Error
      ? error.message
      : String(error);
  process.stderr.write(`✖ ${message}\n`);
  process.exit(1);
});
