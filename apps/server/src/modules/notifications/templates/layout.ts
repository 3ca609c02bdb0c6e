/** Shared e-mail frame: company name and logo from settings, HTML with an equivalent plain-text part. */
export interface Brand {
  companyName: string;
  logoUrl: string;
  supportEmail: string;
  appUrl: string;
}

export type Language = 'es' | 'en';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const FOOTER: Record<Language, (brand: Brand) => string> = {
  es: (b) => `¿Dudas? Escríbenos a ${b.supportEmail}.`,
  en: (b) => `Questions? Write to us at ${b.supportEmail}.`,
};

/** Wraps paragraphs and an optional call-to-action button into the branded HTML and text versions. */
export function layout(
  brand: Brand,
  language: Language,
  content: {
    subject: string;
    greeting: string;
    paragraphs: string[];
    action?: { label: string; url: string };
    after?: string[];
  },
): RenderedEmail {
  const logo = /^https?:\/\//.test(brand.logoUrl) ? brand.logoUrl : `${brand.appUrl}${brand.logoUrl}`;
  const name = escapeHtml(brand.companyName);
  const paragraphs = content.paragraphs
    .map((p) => `<p style="margin:0 0 16px">${escapeHtml(p)}</p>`)
    .join('');
  const after = (content.after ?? [])
    .map((p) => `<p style="margin:0 0 16px;color:#555">${escapeHtml(p)}</p>`)
    .join('');
  const button = content.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(content.action.url)}" style="background:#2563eb;color:#fff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(content.action.label)}</a></p>
<p style="margin:0 0 16px;font-size:13px;color:#555">${escapeHtml(content.action.url)}</p>`
    : '';
  const html = `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(content.subject)}</title></head>
<body style="margin:0;padding:24px;background:#f4f4f5;font-family:Arial,Helvetica,sans-serif;color:#111">
<div style="max-width:560px;margin:0 auto;background:#fff;border-radius:8px;padding:32px">
<p style="margin:0 0 24px"><img src="${escapeHtml(logo)}" alt="${name}" height="32" style="vertical-align:middle"> <strong>${name}</strong></p>
<p style="margin:0 0 16px">${escapeHtml(content.greeting)}</p>
${paragraphs}${button}${after}
<hr style="border:none;border-top:1px solid #e4e4e7;margin:24px 0">
<p style="margin:0;font-size:12px;color:#71717a">${escapeHtml(FOOTER[language](brand))}<br>${name}</p>
</div></body></html>`;
  const text = [
    content.greeting,
    '',
    ...content.paragraphs.flatMap((p) => [p, '']),
    ...(content.action ? [`${content.action.label}: ${content.action.url}`, ''] : []),
    ...(content.after ?? []).flatMap((p) => [p, '']),
    '--',
    FOOTER[language](brand),
    brand.companyName,
  ].join('\n');
  return { subject: content.subject, html, text };
}
