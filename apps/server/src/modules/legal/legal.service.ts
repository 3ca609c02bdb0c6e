import type { AuditInTx } from '../../audit/audit.service.ts';
import { AppError } from '../../lib/errors.ts';
import { DEFAULT_LEGAL_TEXTS } from './legal.defaults.ts';
import type { LegalRepo, LegalVersionRow } from './legal.repo.ts';
import {
  LEGAL_DOCUMENTS,
  type LegalDocument,
  type TLegalAcceptance,
  type TLegalAdminDocument,
  type TLegalPage,
  type TLegalSave,
  type TLegalVersion,
  type TLegalVersions,
} from './legal.schemas.ts';

/** Which documents a customer accepts where: the account needs terms + privacy, a purchase terms + refunds. */
export const REQUIRED_AT = {
  registration: ['terms', 'privacy'],
  checkout: ['terms', 'refunds'],
} as const satisfies Record<string, readonly LegalDocument[]>;
export type AcceptanceContext = keyof typeof REQUIRED_AT;

const NAMES: Record<LegalDocument, string> = {
  terms: 'terms of service',
  privacy: 'privacy policy',
  refunds: 'refund policy',
};

const presentVersion = (row: LegalVersionRow): TLegalVersion => ({
  document: row.document as LegalDocument,
  version: row.version,
  bodyEs: row.bodyEs,
  bodyEn: row.bodyEn,
  createdAt: row.createdAt,
});

/** Terms, privacy and refund policy: versioned Markdown in both languages, and the acceptance check. */
export function createLegalService(deps: { repo: LegalRepo }) {
  const { repo } = deps;

  async function current(document: LegalDocument): Promise<LegalVersionRow> {
    const row = await repo.latest(document);
    if (row) return row;
    await repo.insertFirst(document, DEFAULT_LEGAL_TEXTS[document]);
    return (await repo.latest(document))!;
  }

  async function currentVersions(): Promise<TLegalVersions> {
    const [terms, privacy, refunds] = await Promise.all(LEGAL_DOCUMENTS.map(current));
    return { terms: terms!.version, privacy: privacy!.version, refunds: refunds!.version };
  }

  return {
    currentVersions,

    async page(document: LegalDocument, language: 'es' | 'en'): Promise<TLegalPage> {
      const row = await current(document);
      return {
        document,
        version: row.version,
        language,
        markdown: language === 'en' ? row.bodyEn : row.bodyEs,
        publishedAt: row.createdAt,
      };
    },

    async adminDocument(document: LegalDocument): Promise<TLegalAdminDocument> {
      const latest = await current(document);
      const versions = await repo.versions(document);
      return { current: presentVersion(latest), versions: versions.map(presentVersion) };
    },

    /** Every save is a new version; the earlier ones stay (accounts and orders point at them). */
    async save(
      document: LegalDocument,
      body: TLegalSave,
      actorId: string,
      audit?: AuditInTx<TLegalVersion>,
    ): Promise<TLegalVersion> {
      await current(document);
      return repo.transaction(async (tx) => {
        const row = await repo.append(document, body, actorId, tx);
        if (!row)
          throw new AppError(
            'conflict',
            'Someone saved this document at the same time; reload and try again',
          );
        const version = presentVersion(row);
        // The new version is published only with its audit row (#15-7).
        if (audit) await audit(tx, version);
        return version;
      });
    },

    /**
     * Refuses a registration or a checkout unless the customer accepted the current version of every document the
     * context requires; returns the versions to store with the account or the order.
     */
    async assertAccepted(
      context: AcceptanceContext,
      accepted: TLegalAcceptance | undefined,
    ): Promise<Record<string, number>> {
      const required = REQUIRED_AT[context];
      const missing = required.filter((doc) => accepted?.[doc] === undefined);
      if (missing.length) {
        throw new AppError(
          'legal_acceptance_required',
          `Accept the ${missing.map((d) => NAMES[d]).join(' and ')} to continue`,
          { missing },
        );
      }
      const versions = await currentVersions();
      const outdated = required.filter((doc) => accepted![doc] !== versions[doc]);
      if (outdated.length) {
        throw new AppError(
          'legal_version_outdated',
          `The ${outdated.map((d) => NAMES[d]).join(' and ')} changed since you opened this page; read and accept the new version`,
          { outdated, current: versions },
        );
      }
      return Object.fromEntries(required.map((doc) => [doc, versions[doc]]));
    },
  };
}

export type LegalService = ReturnType<typeof createLegalService>;
