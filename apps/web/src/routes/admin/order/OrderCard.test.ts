import { Link2 } from 'lucide-react';
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../../testing/renderHtml.ts';
import { OrderCard } from './OrderCard.tsx';

describe('order card', () => {
  it('puts the icon before the title and the line on what the card is for under it', async () => {
    const html = await renderHtml(
      createElement(OrderCard, {
        title: 'Asignar',
        icon: Link2,
        text: 'Una instancia libre',
        testId: 'x',
        children: 'BODY',
      }),
    );
    expect(html).toContain('data-testid="x"');
    expect(html).toMatch(
      /<h3 class="[^"]*flex items-center gap-2"><svg[^>]*aria-hidden="true"[^>]*>.*<\/svg>Asignar<\/h3>/,
    );
    expect(html).toContain('<p class="text-sm text-muted-foreground">Una instancia libre</p>');
  });

  it('without an icon or a line, is just the title and the content; `after` goes outside the content', async () => {
    const html = await renderHtml(
      createElement(OrderCard, {
        title: 'Estado',
        contentClassName: 'text-sm',
        after: 'DIALOG',
        children: 'BODY',
      }),
    );
    expect(html).toMatch(/<h3 class="text-lg leading-tight font-semibold">Estado<\/h3><\/div>/);
    expect(html).not.toContain('data-testid');
    expect(html).toMatch(/<div class="p-5 pt-0 text-sm">BODY<\/div>DIALOG<\/div>$/);
  });
});
