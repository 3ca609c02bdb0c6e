import { createElement, type ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../testing/renderHtml.ts';
import { NavCount } from '../layout/NavCount.tsx';
import { PagedList } from './ListState.tsx';
import { useListParams } from './useListParams.ts';

const rows = (total: number) => ({
  data: { items: [{ id: 'a' }, { id: 'b' }], total },
  error: null,
  isPending: false,
  refetch: () => {},
});

const list = (query: Parameters<typeof PagedList<{ id: string }>>[0]['query'], page = 1) =>
  renderHtml(
    createElement(PagedList<{ id: string }>, {
      query,
      page,
      pageSize: 2,
      onPage: () => {},
      skeleton: { rows: 2, height: 'h-16' },
      empty: 'Nada',
      children: (items: { id: string }[]) => items.map((item) => item.id).join(','),
    }),
  );

describe('PagedList', () => {
  it('shows the rows, and the pages under them when there is more than one', async () => {
    const html = await list(rows(5), 2);
    expect(html).toContain('a,b');
    expect(html).toContain('<nav aria-label=');
    expect(html).toContain('Página 2 de 3');
  });

  it('shows no pages while loading or when one page holds everything', async () => {
    expect(await list({ data: undefined, error: null, isPending: true, refetch: () => {} })).not.toContain(
      '<nav',
    );
    expect(await list(rows(2))).not.toContain('<nav');
  });
});

function Params({ show }: { show: (params: ReturnType<typeof useListParams<'status' | 'q'>>) => ReactNode }) {
  return show(useListParams(['status', 'q'] as const));
}

describe('useListParams', () => {
  it('binds a filter control to its value in the address, and knows the page', async () => {
    const html = await renderHtml(
      createElement(Params, {
        show: ({ bindFilter, paging }) =>
          `${bindFilter('status').value}|${bindFilter('q').value}|${paging.page}`,
      }),
      '/admin/orders?status=paid&page=3',
    );
    expect(html).toBe('paid||3');
  });
});

describe('NavCount', () => {
  it('draws the count in the active colour above zero, muted at zero, and says it in words', async () => {
    const some = await renderHtml(
      createElement(NavCount, {
        count: 3,
        label: '3 esperando',
        activeClass: 'bg-primary',
        id: 'n',
      }),
    );
    expect(some).toMatch(/^<span id="n">/);
    expect(some).toMatch(/class="[^"]*bg-primary"[^>]*>3</);
    expect(some).toContain('<span class="sr-only">3 esperando</span>');
    const none = await renderHtml(
      createElement(NavCount, { count: 0, label: '0', activeClass: 'bg-primary' }),
    );
    expect(none).toContain('bg-muted text-muted-foreground');
    expect(none).not.toContain('bg-primary');
  });
});
