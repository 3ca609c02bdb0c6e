import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../testing/renderHtml.ts';
import { ChartCard, chartCardView, FiguresTable } from './ChartCard.tsx';

const card = (props: Partial<Parameters<typeof ChartCard>[0]> = {}) =>
  renderHtml(
    createElement(ChartCard, {
      title: 'Ventas',
      testId: 'chart-x',
      chart: createElement('svg', { 'data-testid': 'drawn' }),
      table: createElement('table', { 'data-testid': 'numbers' }),
      ...props,
    }),
  );

describe('chart card', () => {
  it('shows the empty message over anything else, else the chart or (toggled) the table', () => {
    expect(chartCardView(true, false)).toBe('empty');
    expect(chartCardView(true, true)).toBe('empty');
    expect(chartCardView(false, false)).toBe('chart');
    expect(chartCardView(false, true)).toBe('table');
  });

  it('draws the chart, hidden from screen readers, with the toggle to the numbers', async () => {
    const html = await card();
    expect(html).toContain('<h2 class="text-base font-semibold">Ventas</h2>');
    expect(html).toContain('<div class="h-64 w-full" aria-hidden="true"><svg data-testid="drawn">');
    expect(html).toContain('aria-pressed="false"');
    expect(html).toContain('Ver datos');
    expect(html).not.toContain('data-testid="numbers"');
  });

  it('says why it is empty instead of drawing empty axes; the toggle stays unless asked otherwise', async () => {
    const dashboard = await card({ empty: 'Aún no hay datos' });
    expect(dashboard).toContain(
      '<p class="py-10 text-center text-sm text-muted-foreground">Aún no hay datos</p>',
    );
    expect(dashboard).not.toContain('data-testid="drawn"');
    expect(dashboard).toContain('Ver datos');

    const stats = await card({
      empty: 'Sin sonda',
      heading: 'h3',
      emptyClass: 'py-8',
      toggleWhenEmpty: false,
    });
    expect(stats).toContain('<h3 class="text-base font-semibold">Ventas</h3>');
    expect(stats).toContain('<p class="py-8 text-center text-sm text-muted-foreground">Sin sonda</p>');
    expect(stats).not.toContain('Ver datos');
  });

  it('takes the height of the chart area from its caller', async () => {
    expect(await card({ chartClass: 'h-56' })).toContain('<div class="h-56 w-full" aria-hidden="true">');
  });
});

describe('figures table', () => {
  it('names the row in the first column and right-aligns the figures', async () => {
    const html = await renderHtml(
      createElement(FiguresTable, { head: ['Mes', 'Ingresos'], rows: [['ene 26', '10']] }),
    );
    expect(html).toContain('<th scope="col" class="px-2 py-1">Mes</th>');
    expect(html).toContain('<th scope="col" class="px-2 py-1 text-right">Ingresos</th>');
    expect(html).toContain(
      '<td class="px-2 py-1">ene 26</td><td class="px-2 py-1 text-right tabular-nums">10</td>',
    );
  });
});
