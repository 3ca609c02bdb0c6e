import pino from 'pino';
import type { Logger } from 'pino';

export type { Logger };

/** Paths redacted from every log line: credentials, tokens, keys and session cookies never reach the logs. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.rootPassword',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.access_token',
  '*.refresh_token',
  '*.secret',
  '*.clientSecret',
  '*.client_secret',
  '*.apiKey',
  '*.totpCode',
  '*.encryptionKey',
  '*.jwtSecret',
];

/** Tokens that travel in URLs (e-mailed links, query strings) are cut out of logged URLs. */
export function redactUrl(url: string): string {
  return url
    .replace(/\/(verify-email|reset-password)\/[^/?#]+/g, '/$1/[redacted]')
    .replace(/([?&](?:token|code|secret|password|key)=)[^&#]*/gi, '$1[redacted]');
}

interface RequestLike {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: { service: 'cloud-vertice' },
      serializers: {
        req: (req: RequestLike) => ({
          method: req.method,
          url: redactUrl(req.url ?? ''),
          host: req.host,
          remoteAddress: req.ip,
          remotePort: req.socket?.remotePort,
        }),
      },
    },
    destination,
  );
}
