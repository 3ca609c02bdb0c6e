import { integer, pgTable, text, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { createdAt, id } from './_columns.ts';
import { users } from './auth.ts';

/**
 * Terms of service, privacy policy and refund policy. Every save by the admin adds a version (both languages at once);
 * old versions are kept because accounts and orders record which version was accepted.
 */
export const legalDocumentVersions = pgTable(
  'legal_document_versions',
  {
    id: id(),
    /** terms | privacy | refunds */
    document: varchar('document', { length: 20 }).notNull(),
    version: integer('version').notNull(),
    /** Markdown; rendered without raw HTML. */
    bodyEs: text('body_es').notNull(),
    bodyEn: text('body_en').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('legal_document_versions_unique').on(t.document, t.version)],
);
