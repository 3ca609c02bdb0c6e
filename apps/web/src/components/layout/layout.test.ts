import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../testing/renderHtml.ts';
import { MenuButton } from './MenuButton.tsx';
import { SkipLink } from './SkipLink.tsx';

describe('menu button', () => {
  it('says that it opens a dialog and whether it is open, on narrow screens only', async () => {
    const html = await renderHtml(
      createElement(MenuButton, { label: 'Abrir menú', open: true, onOpen: () => {} }),
    );
    expect(html).toContain('aria-label="Abrir menú"');
    expect(html).toContain('aria-haspopup="dialog"');
    expect(html).toContain('aria-expanded="true"');
    expect(html).toMatch(/class="[^"]*md:hidden"/);
  });
});

describe('skip link', () => {
  it('leads to the content', async () => {
    expect(await renderHtml(createElement(SkipLink))).toMatch(
      /^<a href="#contenido" class="sr-only [^"]*">.+<\/a>$/,
    );
  });
});
