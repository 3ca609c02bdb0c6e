import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import en from '../i18n/en.json';
import es from '../i18n/es.json';
import { ORDER_NOTE_CODES, ORDER_NOTE_EXAMPLES } from './orderNotes.ts';

describe('order history notes', () => {
  it('renders every note code in Spanish and English with all its parameters', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources: { es: { translation: es }, en: { translation: en } }, lng: 'es' });
    for (const lng of ['es', 'en']) {
      for (const code of ORDER_NOTE_CODES) {
        const key = `orderNotes.${code}` as const;
        expect(i18n.exists(key, { lng }), `${lng} ${key}`).toBe(true);
        const text = i18n.t(key, { lng, ...ORDER_NOTE_EXAMPLES[code] });
        expect(text, `${lng} ${key}`).not.toMatch(/{{|}}/);
        for (const value of Object.values(ORDER_NOTE_EXAMPLES[code])) expect(text).toContain(String(value));
      }
    }
  });
});
