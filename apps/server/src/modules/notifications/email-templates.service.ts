import { and, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.ts';
import { emailTemplates } from '../../db/schema/index.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import type { SettingsService } from '../../settings/settings.service.ts';
import {
  BRAND_VARIABLES,
  checkSource,
  defaultSources,
  renderEmail,
  variablesOf,
  type EmailDefinition,
  type EmailSources,
  type FrameBrand,
} from './templates/editable.ts';
import { EDITABLE_EMAILS } from './templates/index.ts';
import type { Language, RenderedEmail } from './templates/layout.ts';

const LANGUAGES: Language[] = ['es', 'en'];

export interface RenderedForQueue {
  to: string;
  userId: string | null;
  language: Language;
  template: string;
  rendered: RenderedEmail;
}

/**
 * Editable e-mail templates: the built-in defaults (`EDITABLE_EMAILS`) under the operator's edits stored per language
 * in `email_templates`. The mail service renders through `render` (null: the template is not editable yet and the
 * legacy function renders it); the admin API lists, edits (checked on save), previews, sends a test and restores.
 */
export function createEmailTemplates(deps: {
  db: Db;
  settings: SettingsService;
  appUrl: string;
  /** Stores and sends an already rendered message (the mail service's outbox). */
  queueRendered: (input: RenderedForQueue) => Promise<{ id: string }>;
}) {
  const { db, settings } = deps;

  function definition(key: string): EmailDefinition {
    const found = EDITABLE_EMAILS.get(key);
    if (!found) throw notFound('E-mail template');
    return found;
  }

  async function brand(tx: DbOrTx = db): Promise<FrameBrand> {
    const s = await settings.getMany(
      ['company.name', 'company.logoUrl', 'company.email', 'company.primaryColor'],
      tx,
    );
    return {
      companyName: s['company.name'],
      logoUrl: s['company.logoUrl'],
      supportEmail: s['company.email'],
      primaryColor: s['company.primaryColor'],
      appUrl: deps.appUrl,
    };
  }

  async function stored(key: string, language: Language, tx: DbOrTx = db) {
    const [row] = await tx
      .select()
      .from(emailTemplates)
      .where(and(eq(emailTemplates.key, key), eq(emailTemplates.language, language)));
    return row;
  }

  async function sources(def: EmailDefinition, language: Language, tx?: DbOrTx) {
    const row = await stored(def.key, language, tx);
    return {
      customised: Boolean(row),
      updatedAt: row?.updatedAt.toISOString() ?? null,
      sources: row ? { subject: row.subject, html: row.html, text: row.text } : defaultSources(def, language),
    };
  }

  function check(def: EmailDefinition, s: EmailSources) {
    checkSource('subject', s.subject, def.variables);
    checkSource('html', s.html, def.variables);
    checkSource('text', s.text, def.variables);
  }

  const view = async (def: EmailDefinition, language: Language) => ({
    key: def.key,
    language,
    description: def.description[language],
    variables: [...Object.keys(def.variables), ...Object.keys(BRAND_VARIABLES)],
    sample: { ...BRAND_VARIABLES, ...def.variables },
    defaults: defaultSources(def, language),
    ...(await sources(def, language)),
  });

  return {
    /** The message for the outbox, or null when this template is not (yet) an editable one. */
    async render(
      key: string,
      data: Record<string, unknown>,
      language: Language,
      tx?: DbOrTx,
    ): Promise<RenderedEmail | null> {
      const def = EDITABLE_EMAILS.get(key);
      if (!def) return null;
      const current = await sources(def, language, tx);
      return renderEmail(current.sources, variablesOf(def, data, language), await brand(tx), language);
    },

    async list() {
      const items = [];
      for (const def of EDITABLE_EMAILS.values()) {
        for (const language of LANGUAGES) {
          const s = await sources(def, language);
          items.push({
            key: def.key,
            language,
            description: def.description[language],
            customised: s.customised,
            subject: s.sources.subject,
          });
        }
      }
      return { items };
    },

    async get(key: string, language: Language) {
      return view(definition(key), language);
    },

    /** Saves the sources; `audit` runs in the same transaction, and if it fails nothing is saved (#15-7). */
    async save(
      key: string,
      language: Language,
      input: EmailSources,
      actorId: string,
      audit?: (tx: DbOrTx) => Promise<void>,
    ) {
      const def = definition(key);
      check(def, input);
      await db.transaction(async (tx) => {
        await tx
          .insert(emailTemplates)
          .values({ key, language, ...input, updatedBy: actorId })
          .onConflictDoUpdate({
            target: [emailTemplates.key, emailTemplates.language],
            set: { ...input, updatedBy: actorId, updatedAt: new Date() },
          });
        if (audit) await audit(tx);
      });
      return view(def, language);
    },

    async restore(key: string, language: Language, audit?: (tx: DbOrTx) => Promise<void>) {
      const def = definition(key);
      await db.transaction(async (tx) => {
        await tx
          .delete(emailTemplates)
          .where(and(eq(emailTemplates.key, key), eq(emailTemplates.language, language)));
        if (audit) await audit(tx);
      });
      return view(def, language);
    },

    /** Renders the given sources (or the current ones) with the sample data, after the same checks as a save. */
    async preview(key: string, language: Language, input?: Partial<EmailSources>) {
      const def = definition(key);
      const current = (await sources(def, language)).sources;
      const s = { ...current, ...input };
      check(def, s);
      return renderEmail(s, def.variables, await brand(), language);
    },

    /** Sends the current version with the sample data to the staff member asking. */
    async sendTest(key: string, language: Language, to: { id: string; email: string }) {
      const def = definition(key);
      const current = (await sources(def, language)).sources;
      const rendered = renderEmail(current, def.variables, await brand(), language);
      if (!rendered.subject) throw new AppError('validation_error', 'subject: renders empty');
      await deps.queueRendered({
        to: to.email,
        userId: to.id,
        language,
        template: `${key}:test`,
        rendered: { ...rendered, subject: `[Test] ${rendered.subject}` },
      });
      return { sentTo: to.email };
    },
  };
}

export type EmailTemplates = ReturnType<typeof createEmailTemplates>;
