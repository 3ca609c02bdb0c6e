import type { DBAdapter, Where } from 'better-auth';
import type { SessionTokenCodec } from './auth.token-hash.ts';

type AdapterFactory = (options: never) => DBAdapter;

/**
 * Wraps better-auth's database adapter so the `session.token` column only ever holds hashes: a new session's token
 * is hashed on insert (the library still gets the plaintext back, for the cookie and the login answer), every lookup
 * by token hashes the presented value, and a row found by token carries the presented value again so the library's
 * follow-up calls (cookie refresh, sign-out) keep working.
 */
export function withHashedSessionTokens<F extends AdapterFactory>(factory: F, codec: SessionTokenCodec): F {
  return ((options: never) => wrap(factory(options))) as F;

  function wrap(adapter: DBAdapter): DBAdapter {
    /** The where clause with token values hashed, and the stored hash → presented value map to restore rows. */
    function hashWhere(model: string, where: Where[] | undefined) {
      const presented = new Map<string, string>();
      if (model !== 'session' || !where) return { where, presented };
      const hashOne = (value: unknown) => {
        if (typeof value !== 'string') return value;
        const stored = codec.stored(value);
        presented.set(stored, value);
        return stored;
      };
      const mapped = where.map((clause) =>
        clause.field !== 'token'
          ? clause
          : {
              ...clause,
              value: Array.isArray(clause.value)
                ? (clause.value as unknown[]).map(hashOne)
                : hashOne(clause.value),
            },
      ) as Where[];
      return { where: mapped, presented };
    }

    function restore<T>(row: T, presented: Map<string, string>): T {
      if (!row || typeof row !== 'object') return row;
      const token = (row as { token?: unknown }).token;
      if (typeof token !== 'string' || !presented.has(token)) return row;
      return { ...row, token: presented.get(token) };
    }

    function hashUpdate(model: string, update: Record<string, unknown>) {
      if (model !== 'session' || typeof update.token !== 'string') return update;
      return { ...update, token: codec.stored(update.token) };
    }

    return {
      ...adapter,
      async create(args) {
        const data = args.data as Record<string, unknown>;
        if (args.model !== 'session' || typeof data.token !== 'string') return adapter.create(args);
        const plain = data.token;
        const row = await adapter.create({ ...args, data: { ...data, token: codec.stored(plain) } });
        return restore(row, new Map([[codec.stored(plain), plain]]));
      },
      async findOne(args) {
        const { where, presented } = hashWhere(args.model, args.where);
        return restore(await adapter.findOne({ ...args, where: where! }), presented);
      },
      async findMany(args) {
        const { where, presented } = hashWhere(args.model, args.where);
        const rows = await adapter.findMany({ ...args, where });
        return rows.map((row) => restore(row, presented));
      },
      async count(args) {
        return adapter.count({ ...args, where: hashWhere(args.model, args.where).where });
      },
      async update(args) {
        const { where, presented } = hashWhere(args.model, args.where);
        const row = await adapter.update({
          ...args,
          where: where!,
          update: hashUpdate(args.model, args.update),
        });
        return restore(row, presented);
      },
      async updateMany(args) {
        return adapter.updateMany({
          ...args,
          where: hashWhere(args.model, args.where).where!,
          update: hashUpdate(args.model, args.update),
        });
      },
      async delete(args) {
        return adapter.delete({ ...args, where: hashWhere(args.model, args.where).where! });
      },
      async deleteMany(args) {
        return adapter.deleteMany({ ...args, where: hashWhere(args.model, args.where).where! });
      },
      async consumeOne(args) {
        const { where, presented } = hashWhere(args.model, args.where);
        return restore(await adapter.consumeOne({ ...args, where: where! }), presented);
      },
      async incrementOne(args) {
        const { where, presented } = hashWhere(args.model, args.where);
        return restore(await adapter.incrementOne({ ...args, where: where! }), presented);
      },
      transaction: (callback) => adapter.transaction((trx) => callback(wrap(trx as DBAdapter))),
    } as DBAdapter;
  }
}
