import { createElement } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { renderHtml } from '../../testing/renderHtml.ts';
import { MessageField, sendReply, type ReplyMutation } from './ReplyBits.tsx';
import { TicketSubjectLink } from './ticketBits.tsx';

type Input = { message: string; internal: boolean; files: File[] };

describe('sending a reply', () => {
  const file = new File(['log'], 'error.log', { type: 'text/plain' });

  it('posts the values with the files, and empties the box once the API took them', () => {
    const mutate = vi.fn();
    const onSent = vi.fn();
    const reply: ReplyMutation<Input> = { isPending: false, mutate };
    sendReply(reply, { message: 'Hola', internal: true }, [file], onSent);
    expect(mutate).toHaveBeenCalledWith(
      { message: 'Hola', internal: true, files: [file] },
      { onSuccess: onSent },
    );
    expect(onSent).not.toHaveBeenCalled();
  });

  it('sends nothing while the last reply is on its way', () => {
    const mutate = vi.fn();
    sendReply<Input>({ isPending: true, mutate }, { message: 'Hola', internal: false }, [], () => {});
    expect(mutate).not.toHaveBeenCalled();
  });
});

describe('message field', () => {
  it('ties the error to the box only when there is one', async () => {
    const ok = await renderHtml(
      createElement(MessageField, { id: 'reply', label: 'Responder', error: undefined }),
    );
    expect(ok).toContain('<label for="reply" class="text-sm font-medium">Responder</label>');
    expect(ok).not.toContain('aria-describedby');
    expect(ok).toContain('maxLength="20000"');
    const bad = await renderHtml(
      createElement(MessageField, { id: 'reply', label: 'Responder', error: 'validation.required' }),
    );
    expect(bad).toContain('aria-invalid="true" aria-describedby="reply-error"');
    expect(bad).toContain('id="reply-error"');
  });
});

describe('ticket subject link', () => {
  it('marks an unread ticket with a dot and words for screen readers', async () => {
    const unread = await renderHtml(
      createElement(TicketSubjectLink, {
        to: '/panel/support/1',
        ticket: { unread: true, subject: 'VPS caído' },
      }),
    );
    expect(unread).toContain('href="/panel/support/1"');
    expect(unread).toContain('<span class="sr-only">Respuesta sin leer: </span>');
    expect(unread).toContain('rounded-full bg-primary');
    const read = await renderHtml(
      createElement(TicketSubjectLink, {
        to: '/panel/support/1',
        ticket: { unread: false, subject: 'VPS caído' },
      }),
    );
    expect(read).not.toContain('sr-only');
    expect(read).toContain('VPS caído');
  });
});
