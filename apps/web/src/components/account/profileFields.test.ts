import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../testing/renderHtml.ts';
import { BILLING_FIELDS, BillingFields, profileFormValues } from './profileFields.tsx';

const noBilling = Object.fromEntries(BILLING_FIELDS.map((name) => [name, null])) as Record<
  (typeof BILLING_FIELDS)[number],
  null
>;

describe('profile form values', () => {
  it('turns missing data into empty text and keeps what there is', () => {
    const values = profileFormValues(
      { firstName: 'Lucía', lastName: 'Pérez', phone: null, language: 'en' },
      { ...noBilling, city: 'Bogotá', country: 'CO' },
    );
    expect(values).toEqual({
      firstName: 'Lucía',
      lastName: 'Pérez',
      phone: '',
      language: 'en',
      companyName: '',
      taxId: '',
      addressLine1: '',
      addressLine2: '',
      city: 'Bogotá',
      state: '',
      postalCode: '',
      country: 'CO',
    });
  });

  it('reads a language the UI does not speak as Spanish', () => {
    const person = { firstName: 'A', lastName: '', phone: '+57 300', language: 'fr' };
    expect(profileFormValues(person, noBilling)).toMatchObject({ language: 'es', phone: '+57 300' });
  });
});

describe('billing fields', () => {
  const field = (name: string) => ({
    name,
    onChange: async () => undefined,
    onBlur: async () => undefined,
    ref: () => undefined,
    error: name === 'taxId' ? 'validation.tooLong' : undefined,
  });

  it('lets the browser fill them only when asked, and gives the address lines both columns', async () => {
    const own = await renderHtml(
      createElement(BillingFields, { field, locale: 'es-CO', autoComplete: true }),
    );
    expect(own).toContain('autoComplete="organization"');
    expect(own).toContain('autoComplete="postal-code"');
    expect(own).toContain('autoComplete="country"');
    expect(own.match(/sm:col-span-2/g)).toHaveLength(2);

    const staff = await renderHtml(createElement(BillingFields, { field, locale: 'es-CO' }));
    expect(staff).not.toContain('autoComplete');
    expect(staff.match(/sm:col-span-2/g)).toHaveLength(2);
  });

  it('marks every field optional, shows a field error under it, and offers "none" before the countries', async () => {
    const html = await renderHtml(createElement(BillingFields, { field, locale: 'es-CO' }));
    expect(html.match(/\(opcional\)/g)).toHaveLength(BILLING_FIELDS.length);
    expect(html).toMatch(/name="taxId"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*name="taxId"/);
    expect(html).toMatch(/<option value="">Sin especificar<\/option><option value="[A-Z]{2}">/);
    expect(html).toContain('<option value="CO">Colombia</option>');
  });
});
