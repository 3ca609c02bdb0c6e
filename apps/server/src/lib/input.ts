import { z } from 'zod';

/**
 * Shared request schemas for hostile input, in one place: strings that PostgreSQL can store (no NUL), names without
 * control characters, integers that fit their column, and dates that are real dates. Every request schema should
 * build on these instead of bare `z.string()` / `z.number().int()` / `z.coerce.date()`.
 */

/** PostgreSQL `integer` (int4) bounds: a request integer outside them is a 400, never an overflow 500. */
export const INT4_MAX = 2_147_483_647;
export const INT4_MIN = -2_147_483_648;

// eslint-disable-next-line no-control-regex
const NUL = /\u0000/;
// C0 controls and DEL: tabs and new lines have no place in a name, a label or a password either.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** True when a string cannot be stored in PostgreSQL text (it has a NUL byte). */
export const hasNul = (value: string): boolean => NUL.test(value);

/** Free text (descriptions, notes, user data): anything but NUL. */
export const zText = () => z.string().refine((v) => !hasNul(v), { message: 'must not contain NUL bytes' });

/** A name, label, identifier or secret typed on one line: no control characters at all. */
export const zName = () =>
  z.string().refine((v) => !CONTROL.test(v), { message: 'must not contain control characters' });

/** An integer that fits a PostgreSQL `integer` column. */
export const zInt32 = () => z.number().int().min(INT4_MIN).max(INT4_MAX);

/** A query-string integer (coerced) that fits a PostgreSQL `integer` column. */
export const zQueryInt32 = () => z.coerce.number().int().min(INT4_MIN).max(INT4_MAX);

/** The dates PostgreSQL `timestamptz` and JavaScript agree on without surprises (years 1970–9999). */
const MIN_DATE_MS = Date.UTC(1970, 0, 1);
const MAX_DATE_MS = Date.UTC(9999, 11, 31, 23, 59, 59);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * A strict date: an ISO 8601 string only (`2027-01-31` or a date-time with offset). `null`, booleans and numbers are
 * refused instead of becoming 1970 (which `z.coerce.date()` did), and so are dates outside 1970–9999.
 */
export const zStrictDate = () =>
  z
    .string()
    .regex(ISO_DATE, 'must be an ISO 8601 date such as 2027-01-31 or 2027-01-31T12:00:00Z')
    .transform((value, ctx) => {
      const date = new Date(value);
      const ms = date.getTime();
      if (Number.isNaN(ms) || ms < MIN_DATE_MS || ms > MAX_DATE_MS) {
        ctx.addIssue({ code: 'custom', message: 'must be a real date between 1970 and 9999' });
        return z.NEVER;
      }
      return date;
    });
