import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import en from '../i18n/en.json';
import es from '../i18n/es.json';
import { ORDER_NOTE_CODES, ORDER_NOTE_EXAMPLES, orderNoteOptions } from './orderNotes.ts';

describe('order history notes', () => {
  it('renders every note code in Spanish and English with all its parameters', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources: { es: { translation: es }, en: { translation: en } }, lng: 'es' });
    for (const lng of ['es', 'en']) {
      for (const code of ORDER_NOTE_CODES) {
        const key = `orderNotes.${code}` as const;
        const options = orderNoteOptions(ORDER_NOTE_EXAMPLES[code], {
          region: (region) => `«${region}»`,
          provider: (id) => i18n.t(`payment.providers.${id}.name`, { lng, defaultValue: id }),
        });
        expect(i18n.exists(key, { lng, ...options }), `${lng} ${key}`).toBe(true);
        const text = i18n.t(key, { lng, ...options });
        expect(text, `${lng} ${key}`).not.toMatch(/{{|}}|orderNotes\./);
        for (const [name, value] of Object.entries(options)) {
          if (name === 'count') continue;
          expect(text, `${lng} ${key} ${name}`).toContain(String(value));
        }
      }
    }
  });

  it('names the payment provider and the regions in the reader’s language', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources: { es: { translation: es } }, lng: 'es' });
    const names = {
      region: (code: string) => i18n.t(`regions.${code}`, { defaultValue: code }),
      provider: (id: string) => i18n.t(`payment.providers.${id}.name`, { defaultValue: id }),
    };
    expect(i18n.t('orderNotes.paid', orderNoteOptions(ORDER_NOTE_EXAMPLES.paid, names))).toMatch(
      /^Pagado con Pago de prueba \(pago 0b7d3f7e/,
    );
    expect(i18n.t('orderNotes.unpaid_cancelled', orderNoteOptions({ days: 1 }, names))).toBe(
      'Cancelado: quedó sin pagar 1 día.',
    );
  });
});
