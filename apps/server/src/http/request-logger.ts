import type { FastifyBaseLogger } from 'fastify';
import type { Bindings, ChildLoggerOptions, Logger } from 'pino';

type LogMethod = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
type LogArgs = Parameters<FastifyBaseLogger['info']>;
/** The app's logger is pino's: it can say whether a level is written and what it binds. */
type PinoLogger = FastifyBaseLogger & Pick<Logger, 'isLevelEnabled' | 'bindings'>;

/**
 * The per-request logger (`request.log`, with the request id bound), made on the first line that is really written.
 * Fastify builds one for every request, and pino's `child()` (bindings serialised, redaction re-applied) was about
 * 3 % of a catalog request's CPU; most requests never log a line at the configured level, so most never pay it.
 */
class LazyRequestLogger {
  readonly #parent: PinoLogger;
  readonly #bindings: Bindings;
  readonly #options: ChildLoggerOptions;
  #child: PinoLogger | null = null;

  constructor(parent: PinoLogger, bindings: Bindings, options: ChildLoggerOptions) {
    this.#parent = parent;
    this.#bindings = bindings;
    this.#options = options;
  }

  #real(): PinoLogger {
    this.#child ??= this.#parent.child(this.#bindings, this.#options) as PinoLogger;
    return this.#child;
  }

  #write(method: LogMethod, args: LogArgs): void {
    // Below the level nothing is written: the child would be built for nothing.
    if (!this.#child && !this.#parent.isLevelEnabled(method)) return;
    (this.#real()[method] as (...a: LogArgs) => void)(...args);
  }

  get level(): string {
    return this.#child?.level ?? this.#parent.level;
  }

  set level(level: string) {
    this.#real().level = level;
  }

  isLevelEnabled(level: string): boolean {
    return (this.#child ?? this.#parent).isLevelEnabled(level);
  }

  fatal(...args: LogArgs) {
    this.#write('fatal', args);
  }
  error(...args: LogArgs) {
    this.#write('error', args);
  }
  warn(...args: LogArgs) {
    this.#write('warn', args);
  }
  info(...args: LogArgs) {
    this.#write('info', args);
  }
  debug(...args: LogArgs) {
    this.#write('debug', args);
  }
  trace(...args: LogArgs) {
    this.#write('trace', args);
  }
  silent(...args: LogArgs) {
    this.#real().silent(...args);
  }

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.#real().child(bindings, options);
  }

  bindings(): Bindings {
    return this.#child ? this.#child.bindings() : { ...this.#parent.bindings(), ...this.#bindings };
  }
}

/**
 * Fastify's `childLoggerFactory`: a route with its own log level or serialisers gets its child at once (the parent's
 * level no longer says what it writes); every other request gets the lazy one.
 */
export function lazyRequestLogger(
  logger: FastifyBaseLogger,
  bindings: Bindings,
  options: ChildLoggerOptions,
): FastifyBaseLogger {
  const pinoLike = typeof (logger as Partial<PinoLogger>).isLevelEnabled === 'function';
  if (!pinoLike || options.level !== undefined || options.serializers !== undefined)
    return logger.child(bindings, options);
  return new LazyRequestLogger(logger as PinoLogger, bindings, options) as unknown as FastifyBaseLogger;
}
