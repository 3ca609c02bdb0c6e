import { Eta } from 'eta/core';
import { AppError } from '../../../lib/errors.ts';
import { escapeHtml, type Brand, type Language, type RenderedEmail } from './layout.ts';

/**
 * Operator-editable e-mails. A template is plain data (`defineEmail`): its variables with sample values, and per
 * language a subject, greeting, paragraphs, an optional button and closing lines, written with Eta interpolations
 * (`<%= it.name %>`, HTML-escaped). The built-in default is compiled from that data into three sources (subject, HTML
 * body, text body); the operator may replace any of them per language (table `email_templates`). Every message is
 * framed with the company's logo, name, colour and footer, so branding applies to all templates.
 *
 * Only a safe subset of Eta is accepted: `<%= it.var %>` (escaped), `<%~ it.var %>` is refused, and control tags are
 * limited to `<% if (it.var) { %>`, `<% } else { %>` and `<% } %>`. Templates never run arbitrary code.
 */
export interface EmailContent {
  subject: string;
  greeting: string;
  paragraphs: string[];
  /** A block of plain text whose line breaks matter (a customer's message, a list of orders), quoted after the paragraphs. */
  quote?: string;
  action?: { label: string; url: string };
  after?: string[];
}

export interface EmailDefinition<D = unknown, V extends Record<string, string> = Record<string, string>> {
  key: string;
  /** Shown in Ajustes → Correos. */
  description: { es: string; en: string };
  /** Every variable the template may use, with a sample value for previews and checks. */
  variables: V;
  /**
   * Turns the caller's data (lists, numbers, choices) into the template's flat text variables, in the recipient's
   * language. Its return type names every declared variable, so a template cannot miss one. Without it the caller's
   * data are the variables.
   */
  prepare?(data: D, language: Language): { [K in keyof V]: string };
  /** Caller data for `prepare` in tests (every e-mail must render in both languages without a missing variable). */
  sampleData?: D;
  es: EmailContent;
  en: EmailContent;
}

export interface EmailSources {
  subject: string;
  html: string;
  text: string;
}

export const defineEmail = <D = unknown, V extends Record<string, string> = Record<string, string>>(
  definition: EmailDefinition<D, V>,
): EmailDefinition<D, V> => definition;

/** The variables to render a definition with: the caller's data through `prepare`, when it has one. */
export const variablesOf = <D>(
  definition: EmailDefinition<D>,
  data: D,
  language: Language,
): Record<string, unknown> =>
  definition.prepare ? definition.prepare(data, language) : (data as Record<string, unknown>);

/** Variables every template may use on top of its own. */
export const BRAND_VARIABLES = {
  company: 'Cloud Vértice',
  supportEmail: 'soporte@cloudvertice.local',
  appUrl: 'https://cloudvertice.example',
  brandColor: '#2563eb',
} as const;

const eta = new Eta({ autoEscape: true, autoTrim: false, varName: 'it', useWith: false, cache: false });

const TAG = /<%([=~_-]?)([\s\S]*?)[-_]?%>/g;
const INTERPOLATION = /^\s*it\.([A-Za-z][A-Za-z0-9]*)\s*$/;
const CONTROL = [
  /^\s*if\s*\(\s*!?\s*it\.([A-Za-z][A-Za-z0-9]*)\s*\)\s*\{\s*$/,
  /^\s*\}\s*else\s*\{\s*$/,
  /^\s*\}\s*$/,
];

/** Rejects (400, naming the problem) a source with an unknown variable, a forbidden tag, or one that does not render. */
export function checkSource(field: string, source: string, variables: Record<string, string>): void {
  const allowed = { ...BRAND_VARIABLES, ...variables };
  const fail = (message: string, extra: Record<string, unknown> = {}) => {
    throw new AppError('validation_error', `${field}: ${message}`, { field, ...extra });
  };
  for (const match of source.matchAll(TAG)) {
    const [, prefix, body] = match as unknown as [string, string, string];
    let name: string | undefined;
    if (prefix === '=') {
      name = INTERPOLATION.exec(body)?.[1];
      if (!name)
        fail(`only "<%= it.variable %>" is allowed inside an output tag, not "${body.trim().slice(0, 60)}"`);
    } else if (prefix === '') {
      const control = CONTROL.map((re) => re.exec(body)).find(Boolean);
      if (!control) fail(`only if/else/} control tags are allowed, not "${body.trim().slice(0, 60)}"`);
      name = control![1];
    } else {
      fail('raw output ("<%~") and whitespace-control tags are not allowed');
    }
    if (name && !(name in allowed)) fail(`unknown variable "${name}"`, { variable: name });
  }
  try {
    eta.renderString(source, allowed);
  } catch (error) {
    fail(`the template does not render: ${(error as Error).message.split('\n')[0]}`);
  }
}

const P = 'margin:0 0 16px';

/** The default sources of a definition in one language: content → HTML and text bodies (variables stay Eta tags). */
export function defaultSources(definition: EmailDefinition, language: Language): EmailSources {
  const c = definition[language];
  const html = [
    `<p style="${P}">${c.greeting}</p>`,
    ...c.paragraphs.map((p) => `<p style="${P}">${p}</p>`),
    ...(c.quote
      ? [`<p style="${P};padding:8px 12px;border-left:3px solid #e4e4e7;white-space:pre-line">${c.quote}</p>`]
      : []),
    ...(c.action
      ? [
          `<p style="margin:24px 0"><a href="${c.action.url}" style="background:<%= it.brandColor %>;color:#fff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block">${c.action.label}</a></p>`,
          `<p style="${P};font-size:13px;color:#555">${c.action.url}</p>`,
        ]
      : []),
    ...(c.after ?? []).map((p) => `<p style="${P};color:#555">${p}</p>`),
  ].join('\n');
  const text = [
    c.greeting,
    '',
    ...c.paragraphs.flatMap((p) => [p, '']),
    ...(c.quote ? [c.quote, ''] : []),
    ...(c.action ? [`${c.action.label}: ${c.action.url}`, ''] : []),
    ...(c.after ?? []).flatMap((p) => [p, '']),
  ]
    .join('\n')
    .trimEnd();
  return { subject: c.subject, html, text };
}

export interface FrameBrand extends Brand {
  primaryColor: string;
}

const FOOTER: Record<Language, (b: Brand) => string> = {
  es: (b) => `¿Dudas? Escríbenos a ${b.supportEmail}.`,
  en: (b) => `Questions? Write to us at ${b.supportEmail}.`,
};

/** Renders sources with data, then frames the body with the company's logo, name, colour and footer. */
export function renderEmail(
  sources: EmailSources,
  data: Record<string, unknown>,
  brand: FrameBrand,
  language: Language,
): RenderedEmail {
  const it = {
    company: brand.companyName,
    supportEmail: brand.supportEmail,
    appUrl: brand.appUrl,
    brandColor: brand.primaryColor,
    ...data,
  };
  // The subject is a header, not HTML: render unescaped, then strip line breaks so it cannot inject headers.
  const subject = new Eta({ autoEscape: false, varName: 'it', useWith: false, cache: false })
    .renderString(sources.subject, it)
    .replace(/[\r\n]+/g, ' ')
    .trim();
  const body = eta.renderString(sources.html, it);
  const text = new Eta({ autoEscape: false, varName: 'it', useWith: false, cache: false }).renderString(
    sources.text,
    it,
  );
  const logo = /^https?:\/\//.test(brand.logoUrl) ? brand.logoUrl : `${brand.appUrl}${brand.logoUrl}`;
  const name = escapeHtml(brand.companyName);
  const color = /^#[0-9a-fA-F]{6}$/.test(brand.primaryColor) ? brand.primaryColor : '#2563eb';
  const html = `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:24px;background:#f4f4f5;font-family:Arial,Helvetica,sans-serif;color:#111">
<div style="max-width:560px;margin:0 auto;background:#fff;border-radius:8px;padding:32px;border-top:4px solid ${color}">
<p style="margin:0 0 24px"><img src="${escapeHtml(logo)}" alt="${name}" height="32" style="vertical-align:middle"> <strong>${name}</strong></p>
${body}
<hr style="border:none;border-top:1px solid #e4e4e7;margin:24px 0">
<p style="margin:0;font-size:12px;color:#71717a">${escapeHtml(FOOTER[language](brand))}<br>${name}</p>
</div></body></html>`;
  return {
    subject,
    html,
    text: [text.trimEnd(), '', '--', FOOTER[language](brand), brand.companyName].join('\n'),
  };
}

/** The built-in rendering of a definition (no operator edits, default colour): the mail service's fallback. */
export const builtIn =
  <D>(definition: EmailDefinition<D>) =>
  (data: D, brand: Brand, language: Language): RenderedEmail =>
    renderEmail(
      defaultSources(definition as EmailDefinition, language),
      variablesOf(definition, data, language),
      { ...brand, primaryColor: BRAND_VARIABLES.brandColor },
      language,
    );
