import type { UseQueryResult } from '@tanstack/react-query';
import { createElement } from 'react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { TicketMessage } from '../../api/tickets.ts';
import { renderHtml } from '../../testing/renderHtml.ts';
import { TicketPageFrame } from './TicketPageFrame.tsx';
import { MessageCard } from './ticketBits.tsx';

type Ticket = { subject: string };

const frame = (query: Partial<UseQueryResult<Ticket>>, seen: string[] = []) =>
  renderHtml(
    createElement(
      Routes,
      null,
      createElement(Route, {
        path: '/panel/support/:id',
        element: createElement(TicketPageFrame<Ticket>, {
          back: '/panel/support',
          backLabel: 'Volver',
          useTicket: (id: string) => {
            seen.push(id);
            return query as UseQueryResult<Ticket>;
          },
          skeletons: ['h-28'],
          children: (ticket: Ticket) => ticket.subject,
        }),
      }),
    ),
    '/panel/support/t-7',
  );

describe('ticket page frame', () => {
  it("asks for the route's ticket and shows it under the way back", async () => {
    const seen: string[] = [];
    const html = await frame({ data: { subject: 'VPS caído' }, error: null }, seen);
    expect(seen[0]).toBe('t-7');
    expect(html).toContain('href="/panel/support"');
    expect(html.indexOf('Volver')).toBeLessThan(html.indexOf('VPS caído'));
  });

  it('shows placeholders while loading and the error when it failed', async () => {
    expect(await frame({ data: undefined, error: null })).toContain('aria-busy="true"');
    const failed = await frame({
      data: undefined,
      error: new Error('offline'),
      refetch: (() => {}) as never,
    });
    expect(failed).not.toContain('aria-busy');
    expect(failed).toContain('role="alert"');
  });
});

describe('message card', () => {
  const message: TicketMessage = {
    id: 'm1',
    author: 'staff',
    authorName: 'Ana',
    source: 'web',
    body: 'Hola',
    createdAt: '2026-03-01T10:00:00Z',
    editedAt: null,
    attachments: [],
  };

  it('puts the notes before and after the author, the text, then what the caller adds', async () => {
    const html = await renderHtml(
      createElement(
        MessageCard,
        { message, className: 'box', author: 'Ana', before: 'NOTA', after: 'CORREO', href: () => '#' },
        'HISTORIAL',
      ),
    );
    expect(html).toMatch(
      /^<div class="box"><p[^>]*>NOTA<span[^>]*>Ana<\/span><time[^>]*>.*<\/time>CORREO<\/p>/,
    );
    expect(html).toContain('Hola');
    expect(html).toMatch(/HISTORIAL<\/div>$/);
    expect(html).not.toContain('(editado)');
  });

  it('says when a message was edited', async () => {
    const edited = { ...message, editedAt: '2026-03-02T10:00:00Z' };
    const html = await renderHtml(
      createElement(MessageCard, { message: edited, className: 'box', author: 'Ana', href: () => '#' }),
    );
    expect(html).toMatch(/<\/time><span>[^<]+<\/span><\/p>/);
  });
});
