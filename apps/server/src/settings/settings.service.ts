import { eq, inArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.ts';
import { settings } from '../db/schema/index.ts';
import { AppError } from '../lib/errors.ts';
import type { Cipher } from '../lib/crypto.ts';
import { SETTINGS, type SettingKey, type SettingValue } from './settings.registry.ts';

/** Typed access to the `settings` table with defaults from the registry; secret values are encrypted at rest. */
export function createSettingsService(db: Db, cipher: Cipher) {
  function decode<K extends SettingKey>(key: K, stored: unknown): SettingValue<K> {
    const def = SETTINGS[key];
    const raw = def.secret && typeof stored === 'string' ? JSON.parse(cipher.decrypt(stored)) : stored;
    const parsed = def.schema.safeParse(raw);
    return (parsed.success ? parsed.data : def.default) as SettingValue<K>;
  }

  function encode(key: SettingKey, value: unknown): unknown {
    const def = SETTINGS[key];
    const parsed = def.schema.safeParse(value);
    if (!parsed.success) {
      throw new AppError('validation_error', `Invalid value for setting ${key}`, parsed.error.issues);
    }
    return def.secret ? cipher.encrypt(JSON.stringify(parsed.data)) : parsed.data;
  }

  // Read on many requests (e.g. every VPS detail): prepared once rather than built each time.
  const settingByKey = db
    .select()
    .from(settings)
    .where(eq(settings.key, sql.placeholder('key')))
    .prepare('settings_by_key');

  return {
    async get<K extends SettingKey>(key: K): Promise<SettingValue<K>> {
      const [row] = await settingByKey.execute({ key });
      return row ? decode(key, row.value) : (SETTINGS[key].default as SettingValue<K>);
    },

    /** Several settings in one query; pass `tx` when inside a transaction (PGlite has a single connection). */
    async getMany<K extends SettingKey>(
      keys: readonly K[],
      tx: DbOrTx = db,
    ): Promise<{ [P in K]: SettingValue<P> }> {
      const rows = await tx
        .select()
        .from(settings)
        .where(inArray(settings.key, keys as unknown as string[]));
      const byKey = new Map(rows.map((r) => [r.key, r.value]));
      const result = {} as { [P in K]: SettingValue<P> };
      for (const key of keys) {
        result[key] = (byKey.has(key) ? decode(key, byKey.get(key)) : SETTINGS[key].default) as SettingValue<
          typeof key
        >;
      }
      return result;
    },

    async set<K extends SettingKey>(
      key: K,
      value: unknown,
      actorId?: string,
      tx: DbOrTx = db,
    ): Promise<void> {
      const stored = encode(key, value);
      await tx
        .insert(settings)
        .values({ key, value: stored, updatedBy: actorId ?? null })
        .onConflictDoUpdate({ target: settings.key, set: { value: stored, updatedBy: actorId ?? null } });
    },

    /**
     * Writes several settings and the admin's audit row in one transaction: every value is validated first, and if
     * the audit row cannot be written nothing is saved (#15-7).
     */
    async setMany(
      values: ReadonlyArray<readonly [SettingKey, unknown]>,
      actorId: string | undefined,
      audit?: (tx: DbOrTx) => Promise<void>,
    ): Promise<void> {
      const encoded = values.map(([key, value]) => [key, encode(key, value)] as const);
      await db.transaction(async (tx) => {
        for (const [key, stored] of encoded) {
          await tx
            .insert(settings)
            .values({ key, value: stored, updatedBy: actorId ?? null })
            .onConflictDoUpdate({ target: settings.key, set: { value: stored, updatedBy: actorId ?? null } });
        }
        if (audit) await audit(tx);
      });
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
