import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('runs with no configuration at all: embedded database, demo mode, port 3000', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.embedded).toBe(true);
    expect(config.DATA_DIR).toBe('./data');
    expect(config.contabo.mode).toBe('simulated');
    expect(config.demoMode).toBe(true);
    expect(config.appUrl).toBe('http://localhost:3000');
    expect(config.JWT_EXPIRES_IN).toBe(900);
    expect(config.JWT_REFRESH_EXPIRES_IN).toBe(604_800);
  });

  it('lists every problem at once in readable form', () => {
    const problems = problemsOf({
      PORT: 'abc',
      LOG_LEVEL: 'loud',
      DATABASE_URL: 'mysql://x',
      ENCRYPTION_KEY: 'short',
    });
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/PORT/);
    expect(problems.join('\n')).toMatch(/LOG_LEVEL/);
    expect(problems.join('\n')).toMatch(/DATABASE_URL: must be a postgres/);
    expect(problems.join('\n')).toMatch(/ENCRYPTION_KEY: must be 64 hexadecimal/);
  });

  it('needs BACKUP_KEY for the daily backup, and one different from ENCRYPTION_KEY', () => {
    expect(problemsOf({ BACKUP_DAILY: 'true' })).toEqual([expect.stringContaining('BACKUP_KEY: required')]);
    const key = 'ab'.repeat(32);
    expect(problemsOf({ BACKUP_KEY: key, ENCRYPTION_KEY: key.toUpperCase() })).toEqual([
      expect.stringContaining('must differ from ENCRYPTION_KEY'),
    ]);
    expect(problemsOf({ BACKUP_KEY: 'short' })).toEqual([expect.stringContaining('64 hexadecimal')]);
    const config = loadConfig({ BACKUP_KEY: key, BACKUP_DAILY: 'true' });
    expect(config).toMatchObject({ BACKUP_CRON: '15 3 * * *', BACKUP_KEEP_DAILY: 7, BACKUP_KEEP_WEEKLY: 4 });
  });

  it('refuses to start on PostgreSQL without ENCRYPTION_KEY and JWT_SECRET', () => {
    const problems = problemsOf({ DATABASE_URL: 'postgres://localhost/db' });
    expect(problems).toEqual([
      expect.stringMatching(/^ENCRYPTION_KEY: required with DATABASE_URL/),
      expect.stringMatching(/^JWT_SECRET: required with DATABASE_URL/),
    ]);
  });

  it('uses live Contabo only with the complete set of credentials', () => {
    expect(problemsOf({ CONTABO_CLIENT_ID: 'id' })[0]).toMatch(/CONTABO_CLIENT_SECRET, CONTABO_API_USER/);
    const config = loadConfig({
      CONTABO_CLIENT_ID: 'id',
      CONTABO_CLIENT_SECRET: 'secret',
      CONTABO_API_USER: 'user@example.com',
      CONTABO_API_PASSWORD: 'pw',
      STRIPE_SECRET_KEY: 'sk_test_1',
      STRIPE_WEBHOOK_SECRET: 'whsec_1',
    });
    expect(config.contabo).toMatchObject({ mode: 'live', username: 'user@example.com' });
    expect(config.demoMode).toBe(false);
  });

  it('treats empty strings as unset and parses durations', () => {
    const config = loadConfig({ DATABASE_URL: '', JWT_EXPIRES_IN: '30m', SMTP_URL: '' });
    expect(config.embedded).toBe(true);
    expect(config.JWT_EXPIRES_IN).toBe(1800);
    expect(problemsOf({ JWT_EXPIRES_IN: '15 minutes' })[0]).toMatch(/duration like 15m/);
  });

  it('reads TRUST_PROXY as a hop count or a list of proxies, never as "trust the left-most entry"', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '0' }).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).TRUST_PROXY).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
    ]);
    expect(problemsOf({ TRUST_PROXY: 'everyone' }).join('\n')).toMatch(/TRUST_PROXY: must be a hop count/);
  });

  it('accepts ADMIN_EMAIL alone (the password is generated) but not a password for no one', () => {
    expect(loadConfig({ ADMIN_EMAIL: 'boss@example.test' }).ADMIN_EMAIL).toBe('boss@example.test');
    expect(problemsOf({ ADMIN_PASSWORD: 'long-enough-password' }).join('\n')).toMatch(/ADMIN_PASSWORD/);
  });
});
