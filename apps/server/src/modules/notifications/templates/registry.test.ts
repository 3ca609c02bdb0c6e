import { describe, expect, it } from 'vitest';
import { checkSource, defaultSources, renderEmail, variablesOf, type FrameBrand } from './editable.ts';
import { EDITABLE_EMAILS, TEMPLATES } from './index.ts';
import type { Language } from './layout.ts';

/**
 * Every e-mail the platform can queue is an editable template. `mail.queue` only accepts a `TemplateName` (a key of
 * `TEMPLATES`), so that list is every e-mail the code can send; each must be in the editable registry, pass the
 * save-time checks, and render in both languages from its sample data without a missing variable.
 */
const LANGUAGES: Language[] = ['es', 'en'];
const BRAND: FrameBrand = {
  companyName: 'Nube Ñandú',
  logoUrl: '/brand/logo.svg',
  supportEmail: 'ayuda@nube.test',
  appUrl: 'https://nube.test',
  primaryColor: '#0f766e',
};

describe('e-mail template registry', () => {
  it('has every e-mail the code can queue, and nothing the code cannot', () => {
    const queueable = Object.keys(TEMPLATES).sort();
    const editable = [...EDITABLE_EMAILS.keys()].sort();
    expect(queueable.filter((key) => !EDITABLE_EMAILS.has(key))).toEqual([]);
    expect(editable.filter((key) => !(key in TEMPLATES))).toEqual([]);
    expect(queueable.length).toBeGreaterThanOrEqual(18);
  });

  for (const [key, definition] of EDITABLE_EMAILS) {
    describe(key, () => {
      for (const language of LANGUAGES) {
        it(`renders in ${language} from sample data with every variable filled`, () => {
          const sources = defaultSources(definition, language);
          for (const [field, source] of Object.entries(sources)) {
            expect(() => checkSource(field, source, definition.variables)).not.toThrow();
          }
          const data = definition.sampleData ?? definition.variables;
          const variables = variablesOf(definition, data, language);
          expect(Object.keys(variables).sort()).toEqual(Object.keys(definition.variables).sort());
          for (const value of Object.values(variables)) expect(typeof value).toBe('string');

          const mail = renderEmail(sources, variables, BRAND, language);
          expect(mail.subject.trim()).not.toBe('');
          for (const part of [mail.subject, mail.html, mail.text]) {
            expect(part).not.toContain('undefined');
            expect(part).not.toContain('<%');
            // No placeholder of another template syntax left unrendered (`{{id}}`, as i18next writes them).
            expect(part).not.toMatch(/{{|}}/);
          }
          expect(mail.html).toContain(`lang="${language}"`);
          // The company's logo, name and colour frame every template.
          expect(mail.html).toContain('https://nube.test/brand/logo.svg');
          expect(mail.html).toContain('Nube Ñandú');
          expect(mail.html).toContain('#0f766e');
          expect(mail.text).toContain('ayuda@nube.test');
        });
      }

      it('escapes every value in the HTML body', () => {
        const hostile = Object.fromEntries(
          Object.keys(definition.variables).map((name) => [name, `<img src=x onerror=alert(1)>${name}`]),
        );
        const mail = renderEmail(defaultSources(definition, 'es'), hostile, BRAND, 'es');
        expect(mail.html).not.toContain('<img src=x');
        expect(mail.subject).not.toMatch(/[\r\n]/);
      });

      it('matches the built-in rendering the mail service falls back to', () => {
        const builtIn = TEMPLATES[key as keyof typeof TEMPLATES] as (
          d: unknown,
          b: FrameBrand,
          l: Language,
        ) => { subject: string; text: string };
        const data = definition.sampleData ?? definition.variables;
        const viaRegistry = renderEmail(
          defaultSources(definition, 'en'),
          variablesOf(definition, data, 'en'),
          BRAND,
          'en',
        );
        expect(builtIn(data, BRAND, 'en').subject).toBe(viaRegistry.subject);
      });
    });
  }

  it('keeps a multi-line message readable and inert', () => {
    const ticket = EDITABLE_EMAILS.get('ticket-new-staff')!;
    const mail = renderEmail(
      defaultSources(ticket, 'es'),
      variablesOf(ticket, { ...ticket.sampleData!, message: 'línea 1\n\n<b>línea 2</b>  \n' } as never, 'es'),
      BRAND,
      'es',
    );
    expect(mail.html).toContain('white-space:pre-line">línea 1\n&lt;b&gt;línea 2&lt;/b&gt;</p>');
    expect(mail.text).toContain('línea 1\n<b>línea 2</b>');
  });

  it('the service-ended e-mail says why the server ended', () => {
    const ended = EDITABLE_EMAILS.get('service-ended')!;
    const render = (reason: string) =>
      renderEmail(
        defaultSources(ended, 'es'),
        variablesOf(ended, { ...(ended.sampleData as object), reason } as never, 'es'),
        BRAND,
        'es',
      ).text;
    expect(render('cancelled')).toContain('Como pediste');
    expect(render('unpaid')).toContain('porque su factura no se pagó');
  });
});
