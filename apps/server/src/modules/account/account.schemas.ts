import { z } from 'zod';
import { zName, zText } from '../../lib/input.ts';
import { ZLanguage } from '../auth/auth.schemas.ts';

const optionalText = (max: number) => zName().trim().max(max).nullable().optional();

export const ZProfileBody = z
  .object({
    firstName: zName().trim().min(1).max(100).optional(),
    lastName: zName().trim().min(1).max(100).optional(),
    phone: optionalText(30),
    language: ZLanguage.optional(),
    billing: z
      .object({
        companyName: optionalText(200),
        taxId: optionalText(50),
        addressLine1: optionalText(200),
        addressLine2: optionalText(200),
        city: optionalText(100),
        state: optionalText(100),
        postalCode: optionalText(20),
        country: z
          .string()
          .trim()
          .regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code')
          .transform((c) => c.toUpperCase())
          .nullable()
          .optional(),
      })
      .optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'Send at least one field to change');

export const ZChangePasswordBody = z.object({
  currentPassword: zText().min(1).max(256),
  newPassword: zText().min(1).max(256),
});

export const ZChangeEmailBody = z.object({ newEmail: z.email().max(255) });

export const ZSession = z.object({
  id: z.uuid(),
  current: z.boolean(),
  device: z.string(),
  userAgent: z.string().nullable(),
  ipAddress: z.string().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string(),
  expiresAt: z.string(),
});

export const ZSessionTokens = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  expiresIn: z.number().int(),
});

export const ZPasswordBody = z.object({ password: zText().min(1).max(256) });
export const ZTwoFactorSetup = z.object({
  secret: z.string().describe('Base32 secret, for authenticator apps without QR scanning'),
  otpauthUri: z.string().describe('otpauth:// URI: render it as a QR code'),
  recoveryCodes: z.array(z.string()).describe('Shown once: each works once instead of a TOTP code'),
});
export const ZCodeBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'must be a 6-digit code'),
});
export const ZDisableTwoFactorBody = ZPasswordBody.extend({ code: ZCodeBody.shape.code });
export const ZTwoFactorState = ZSessionTokens.extend({ twoFactorEnabled: z.boolean() });
export const ZRecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });

export type TProfileBody = z.infer<typeof ZProfileBody>;
export type TSession = z.infer<typeof ZSession>;
export type TSessionTokens = z.infer<typeof ZSessionTokens>;
