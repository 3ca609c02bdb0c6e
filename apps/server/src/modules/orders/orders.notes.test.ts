import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ORDER_NOTE_CODES } from './orders.notes.ts';

// The web renders each code the server writes (`orderNotes.<code>`, es and en); it is read as files here, since the
// server never imports the web app. The web's own test renders every code with example parameters.
const web = (file: string) => readFileSync(new URL(`../../../../web/src/${file}`, import.meta.url), 'utf8');

describe('order note codes', () => {
  it('every code the server writes is known to the web and translated in both languages', () => {
    const known = web('lib/orderNotes.ts');
    for (const language of ['es', 'en']) {
      const notes = (JSON.parse(web(`i18n/${language}.json`)) as { orderNotes: Record<string, string> })
        .orderNotes;
      for (const code of ORDER_NOTE_CODES) {
        expect(known, `web ORDER_NOTE_CODES: ${code}`).toContain(`'${code}'`);
        const text = notes[code] ?? notes[`${code}_other`];
        expect(text, `${language} orderNotes.${code}`).toBeTruthy();
      }
    }
  });
});
