import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type ErrorBody } from '../lib/errors.ts';

const FASTIFY_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'bad_request',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

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
