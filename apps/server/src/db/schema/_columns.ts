import { timestamp, uuid } from 'drizzle-orm/pg-core';

/** Shared column builders: every table uses uuid keys and timestamptz audit columns. */
export const id = () => uuid('id').primaryKey().defaultRandom();
export const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
export const createdAt = () => tstz('created_at').notNull().defaultNow();
export const updatedAt = () =>
  tstz('updated_at')
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());
