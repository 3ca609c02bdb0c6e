import { z } from 'zod';
import { zInt32, zName, zText } from '../../lib/input.ts';

const email = z.email().max(255);
/** Length and strength are checked by the service so the 400 can say why. */
const password = zText().min(1).max(256);
const name = zName().trim().min(1).max(100);

export const ZLanguage = z.enum(['es', 'en']);

export const ZRegisterBody = z.object({
  email,
  password,
  firstName: name,
  lastName: name,
  phone: zName().trim().max(30).optional(),
  language: ZLanguage.optional(),
  /** Versions of the terms and privacy policy the visitor read and accepted (`GET /api/legal`). */
  legalAccepted: z
    .object({ terms: zInt32().optional(), privacy: zInt32().optional() })
    .strict()
    .optional()
    .describe('Required: the current versions of `terms` and `privacy`, e.g. { "terms": 1, "privacy": 1 }'),
});

export const ZLoginBody = z.object({
  email,
  password,
  totpCode: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'must be the 6-digit code of your authenticator app')
    .optional(),
  recoveryCode: zName().trim().min(6).max(64).optional(),
});

export const ZRefreshBody = z
  .object({ refreshToken: zName().min(10).max(512).optional() })
  .nullish()
  .describe('Without a body, the session cookie is used.');

export const ZEmailBody = z.object({ email });
export const ZResetPasswordBody = z.object({ token: zName().min(10).max(512), password });
export const ZTokenParams = z.object({ token: zName().min(10).max(2048) });

export const ZUser = z.object({
  id: z.uuid(),
  email: z.string(),
  emailVerified: z.boolean(),
  firstName: z.string(),
  lastName: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  language: z.string(),
  role: z.enum(['customer', 'admin', 'support']),
  twoFactorEnabled: z.boolean(),
  billing: z.object({
    companyName: z.string().nullable(),
    taxId: z.string().nullable(),
    addressLine1: z.string().nullable(),
    addressLine2: z.string().nullable(),
    city: z.string().nullable(),
    state: z.string().nullable(),
    postalCode: z.string().nullable(),
    country: z.string().nullable(),
  }),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});

export const ZUserEnvelope = z.object({ user: ZUser });
export const ZOptionalUserEnvelope = z.object({ user: ZUser.nullable() });

export const ZLoginResult = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  expiresIn: z.number().int().describe('Seconds until the access token expires'),
  user: ZUser,
});

export const ZRefreshResult = z.object({
  accessToken: z.string(),
  expiresIn: z.number().int(),
  refreshToken: z
    .string()
    .optional()
    .describe(
      'The next refresh token (when one was sent): the one sent is spent, and reusing it ends the session.',
    ),
});

export const ZMessage = z.object({ message: z.string() });
export const ZVerifyEmailResult = z.object({ verified: z.literal(true), email: z.string() });

export type TUser = z.infer<typeof ZUser>;
export type TRegisterBody = z.infer<typeof ZRegisterBody>;
export type TLoginBody = z.infer<typeof ZLoginBody>;
export type TLoginResult = z.infer<typeof ZLoginResult>;
