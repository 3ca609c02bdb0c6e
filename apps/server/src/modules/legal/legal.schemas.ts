import { z } from 'zod';
import { zInt32, zText } from '../../lib/input.ts';

export const LEGAL_DOCUMENTS = ['terms', 'privacy', 'refunds'] as const;
export type LegalDocument = (typeof LEGAL_DOCUMENTS)[number];

export const ZLegalDocument = z.enum(LEGAL_DOCUMENTS);
export const ZLegalParams = z.object({ doc: ZLegalDocument });
export const ZLegalQuery = z.object({ lang: z.enum(['es', 'en']).default('es') });

/** What the visitor reads: one language of the current version. */
export const ZLegalPage = z.object({
  document: ZLegalDocument,
  version: z.number().int(),
  language: z.enum(['es', 'en']),
  markdown: z.string(),
  publishedAt: z.date(),
});

export const ZLegalVersion = z.object({
  document: ZLegalDocument,
  version: z.number().int(),
  bodyEs: z.string(),
  bodyEn: z.string(),
  createdAt: z.date(),
});

/** The admin's view: the current text of both languages and every earlier version. */
export const ZLegalAdminDocument = z.object({
  current: ZLegalVersion,
  versions: z.array(ZLegalVersion),
});

const body = zText().trim().min(1).max(100_000, 'a legal document is limited to 100,000 characters');
export const ZLegalSave = z.object({ bodyEs: body, bodyEn: body });

/** Current version of every document (the checkboxes name them). */
export const ZLegalVersions = z.object({
  terms: z.number().int(),
  privacy: z.number().int(),
  refunds: z.number().int(),
});

/**
 * The versions the customer read and accepted, by document, as sent with a registration or a checkout
 * (e.g. `{ "terms": 3, "privacy": 2 }`).
 */
export const ZLegalAcceptance = z
  .object({ terms: zInt32().optional(), privacy: zInt32().optional(), refunds: zInt32().optional() })
  .strict();

export type TLegalPage = z.infer<typeof ZLegalPage>;
export type TLegalVersion = z.infer<typeof ZLegalVersion>;
export type TLegalAdminDocument = z.infer<typeof ZLegalAdminDocument>;
export type TLegalSave = z.infer<typeof ZLegalSave>;
export type TLegalAcceptance = z.infer<typeof ZLegalAcceptance>;
export type TLegalVersions = z.infer<typeof ZLegalVersions>;
