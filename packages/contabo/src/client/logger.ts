// The logger shape the client writes to; its own file so `auth.ts` and `http.ts` need not import each other.
/** Pino-compatible subset: `(obj, msg)`. */
export interface Logger {
  debug?: (obj: object, msg?: string) => void;
  info: (obj: object, msg?: string) => void;
  warn: (obj: object, msg?: string) => void;
  error: (obj: object, msg?: string) => void;
}
