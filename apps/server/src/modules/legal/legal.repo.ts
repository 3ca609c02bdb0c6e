import { desc, eq, max } from 'drizzle-orm';
import { unitOfWork, type Db, type DbOrTx } from '../../db/client.ts';
import { legalDocumentVersions } from '../../db/schema/index.ts';
import type { LegalDocument } from './legal.schemas.ts';

export type LegalVersionRow = typeof legalDocumentVersions.$inferSelect;

export function createLegalRepo(db: Db) {
  return {
    transaction: unitOfWork(db),

    async latest(document: LegalDocument): Promise<LegalVersionRow | undefined> {
      const [row] = await db
        .select()
        .from(legalDocumentVersions)
        .where(eq(legalDocumentVersions.document, document))
        .orderBy(desc(legalDocumentVersions.version))
        .limit(1);
      return row;
    },

    async versions(document: LegalDocument): Promise<LegalVersionRow[]> {
      return db
        .select()
        .from(legalDocumentVersions)
        .where(eq(legalDocumentVersions.document, document))
        .orderBy(desc(legalDocumentVersions.version));
    },

    /** Stores version 1 unless some version already exists (two first readers at once store it once). */
    async insertFirst(document: LegalDocument, body: { es: string; en: string }): Promise<void> {
      await db
        .insert(legalDocumentVersions)
        .values({ document, version: 1, bodyEs: body.es, bodyEn: body.en })
        .onConflictDoNothing();
    },

    /**
     * Appends the next version. Two saves at once both compute the same number; the unique index lets one win and
     * the other returns undefined (the service answers 409).
     */
    async append(
      document: LegalDocument,
      body: { bodyEs: string; bodyEn: string },
      createdBy: string,
      tx: DbOrTx = db,
    ): Promise<LegalVersionRow | undefined> {
      const [last] = await tx
        .select({ top: max(legalDocumentVersions.version) })
        .from(legalDocumentVersions)
        .where(eq(legalDocumentVersions.document, document));
      const [row] = await tx
        .insert(legalDocumentVersions)
        .values({ document, version: (last?.top ?? 0) + 1, ...body, createdBy })
        .onConflictDoNothing()
        .returning();
      return row;
    },
  };
}

export type LegalRepo = ReturnType<typeof createLegalRepo>;
