import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { ContaboError } from '@cloud-vertice/contabo';
import { AppError, type ErrorBody } from '../lib/errors.ts';

const FASTIFY_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'bad_request',
  409: 'conflict',
  408: 'request_timeout',
  413: 'payload_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  431: 'headers_too_large',
};

/**
 * PostgreSQL "data exception" errors (class 22: a value too long, out of range, an impossible date, an invalid byte
 * sequence) can only come from input that got past a schema: they are the client's bad value, not our failure.
 */
function pgDataException(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Errors raised before a route runs (a path parameter past `maxParamLength` → 414, a malformed URL → 400): the same
 * error shape, and the path is never echoed back (it can be huge or hostile).
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  const status =
    error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  const message = status === 414 ? 'The request URL is too long.' : 'The request URL is not valid.';
  return send(reply, status, { error: { code: FASTIFY_CODES[status] ?? 'bad_request', message } });
}

const CLIENT_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: 'headers_too_large',
    message: 'The request headers are too large.',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    code: 'request_timeout',
    message: 'The request took too long to arrive.',
  },
};

/**
 * Node's HTTP parser rejects some requests before Fastify sees them (headers too large, timeouts, garbage): answer
 * those in the error shape too, then close the connection as Node would.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const known = (error.code && CLIENT_ERRORS[error.code]) || {
    status: 400,
    code: 'bad_request',
    message: 'The request could not be read.',
  };
  const body = JSON.stringify({ error: { code: known.code, message: known.message } });
  if (socket.writable) {
    const reason =
      known.status === 431
        ? 'Request Header Fields Too Large'
        : known.status === 408
          ? 'Request Timeout'
          : 'Bad Request';
    socket.write(
      `HTTP/1.1 ${known.status} ${reason}\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

function send(reply: FastifyReply, status: number, body: ErrorBody) {
  return reply.status(status).type('application/json; charset=utf-8').send(body);
}

/**
 * One place turns every thrown error into `{ error: { code, message, details? } }`: AppErrors keep their code,
 * validation failures become 400 with the bad fields, framework 4xx keep their status, and anything else is a 500
 * with a generic message and the request id (the full error goes to the log only).
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) {
      for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
      if (error.status >= 500) request.log.error({ err: error }, 'request failed');
      return send(reply, error.status, {
        error: {
          code: error.code,
          message: error.message,
          ...(error.details !== undefined ? { details: error.details } : {}),
          ...(error.status >= 500 ? { requestId: request.id } : {}),
        },
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = error.validation.map((v) => ({
        field: [error.validationContext, ...v.instancePath.split('/').filter(Boolean)].join('.'),
        message: v.message ?? 'Invalid value',
      }));
      return send(reply, 400, {
        error: {
          code: 'validation_error',
          message: `Invalid request: ${details.map((d) => d.field).join(', ')}`,
          details,
        },
      });
    }
    if (
      error instanceof ContaboError &&
      ['timeout', 'network', 'server_error', 'rate_limited'].includes(error.code)
    ) {
      // A provider failure no service turned into its own message: still a clear 503, never a 500 or a proxy's 504.
      request.log.warn({ err: error }, 'server provider unavailable');
      return send(reply, 503, {
        error: {
          code: 'contabo_unavailable',
          message:
            'Our server provider did not answer in time. Please try again in a minute; a change you asked for is ' +
            'checked automatically before it could be repeated.',
          requestId: request.id,
        },
      });
    }
    if (pgDataException(error)) {
      request.log.warn({ err: error }, 'input refused by the database');
      return send(reply, 400, {
        error: {
          code: 'validation_error',
          message: 'Invalid request: a value is out of range or malformed.',
        },
      });
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, cause: error.cause }, 'response did not match its schema');
    } else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return send(reply, error.statusCode, {
        error: { code: FASTIFY_CODES[error.statusCode] ?? 'bad_request', message: error.message },
      });
    } else {
      request.log.error({ err: error }, 'unhandled error');
    }
    return send(reply, 500, {
      error: {
        code: 'internal_error',
        message:
          'Something went wrong on our side. Please try again; if it keeps happening, contact support with the request id.',
        requestId: request.id,
      },
    });
  });
}
