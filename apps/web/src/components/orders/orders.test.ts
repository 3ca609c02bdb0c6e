import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import type { OrderHistoryEntry } from '../../api/models.ts';
import { renderHtml } from '../../testing/renderHtml.ts';
import { OrderTimeline } from './OrderTimeline.tsx';
import { PayOrderLink } from './PayOrderLink.tsx';

const entry = (over: Partial<OrderHistoryEntry>): OrderHistoryEntry => ({
  actorType: 'admin',
  createdAt: '2026-03-01T10:00:00Z',
  fromStatus: 'paid',
  toStatus: 'processing',
  note: 'Llamé al cliente',
  noteCode: null,
  noteParams: null,
  ...over,
});

describe('order timeline', () => {
  it("says there is no history in each side's words", async () => {
    const customer = await renderHtml(
      createElement(OrderTimeline, { entries: [], texts: 'orders.detail', testId: 'order-history' }),
    );
    const staff = await renderHtml(
      createElement(OrderTimeline, { entries: [], texts: 'admin.order', testId: 'admin-order-history' }),
    );
    expect(customer).toMatch(/^<p class="text-sm text-muted-foreground">.+<\/p>$/);
    expect(staff).toMatch(/^<p class="text-sm text-muted-foreground">.+<\/p>$/);
    expect(customer).not.toContain('<ol');
  });

  it('names the status and who changed it; only staff read the notes staff typed', async () => {
    const entries = [entry({}), entry({ toStatus: 'mystery', actorType: 'system' })];
    const staff = await renderHtml(
      createElement(OrderTimeline, { entries, texts: 'admin.order', testId: 'admin-order-history' }),
    );
    const customer = await renderHtml(
      createElement(OrderTimeline, { entries, texts: 'orders.detail', testId: 'order-history' }),
    );
    expect(staff).toContain('data-testid="admin-order-history"');
    expect(customer).toContain('data-testid="order-history"');
    expect(staff).toContain('Llamé al cliente');
    expect(customer).not.toContain('Llamé al cliente');
    // A status the web does not know is shown as the API wrote it.
    expect(staff).toContain('>mystery</p>');
    expect(staff).not.toContain('>processing</p>');
  });
});

describe('pay order link', () => {
  it("opens the order's page with the payment, named with the order's number", async () => {
    const html = await renderHtml(
      createElement(PayOrderLink, { order: { id: 'o1', orderNumber: 'CV-0042' } }),
    );
    expect(html).toContain('href="/panel/orders/o1?pay=1"');
    expect(html).toContain('CV-0042');
  });
});
