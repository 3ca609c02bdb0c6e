import { createElement } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/client.ts';
import { renderHtml } from '../../testing/renderHtml.ts';
import { EmailField, PhoneField, TotpCodeField } from './accountFields.tsx';
import { FieldShell } from './fields.tsx';
import { ConfirmFooter } from './ConfirmFooter.tsx';
import { onFieldError } from './validation.ts';

describe('onFieldError', () => {
  const validation = new ApiError({
    status: 400,
    code: 'validation_error',
    message: 'invalid',
    details: [{ field: 'body.email' }],
  });

  it('puts the error under its field and then clears the mutation error', () => {
    const reset = vi.fn();
    const setError = vi.fn();
    onFieldError<{ email: string }>(reset, setError, ['email'])(validation);
    expect(setError).toHaveBeenCalledWith(
      'email',
      { type: 'server', message: 'validation.invalid' },
      { shouldFocus: true },
    );
    expect(reset).toHaveBeenCalledOnce();
  });

  it('maps an error code to a field', () => {
    const reset = vi.fn();
    const setError = vi.fn();
    const taken = new ApiError({ status: 409, code: 'email_taken', message: 'taken' });
    onFieldError<{ email: string }>(reset, setError, ['email'], { email_taken: 'email' })(taken);
    expect(setError).toHaveBeenCalledWith('email', expect.objectContaining({ type: 'server' }), {
      shouldFocus: true,
    });
    expect(reset).toHaveBeenCalledOnce();
  });

  it('leaves an error of no field (or of another form) to the alert on top', () => {
    const reset = vi.fn();
    const setError = vi.fn();
    onFieldError<{ name: string }>(reset, setError, ['name'])(validation);
    onFieldError<{ name: string }>(reset, setError, ['name'])(new Error('offline'));
    expect(setError).not.toHaveBeenCalled();
    expect(reset).not.toHaveBeenCalled();
  });
});

describe('confirm footer', () => {
  const footer = (props: Partial<Parameters<typeof ConfirmFooter>[0]>) =>
    renderHtml(
      createElement(ConfirmFooter, {
        onCancel: () => {},
        onConfirm: () => {},
        pending: false,
        children: 'Eliminar',
        ...props,
      }),
    );

  it('puts "Cancelar" before a confirm button that acts on click', async () => {
    const html = await footer({});
    expect(html.indexOf('Cancelar')).toBeLessThan(html.indexOf('Eliminar'));
    expect(html).not.toContain('<form');
    expect(html).toMatch(/<button type="button"[^>]*>Eliminar<\/button>/);
  });

  it('in a form of its own, the confirm button submits it', async () => {
    const html = await footer({ inForm: true, cancel: 'Mantener' });
    expect(html).toContain('Mantener');
    expect(html).not.toContain('Cancelar');
    expect(html).toMatch(/<form><button type="submit"[^>]*>Eliminar<\/button><\/form>/);
  });

  it('while pending, both buttons are off and the confirm one says what is happening', async () => {
    const html = await footer({ pending: true, pendingLabel: 'Eliminando…' });
    expect(html.match(/disabled=""/g)).toHaveLength(2);
    expect(html).toContain('aria-busy="true"');
    expect(html).toContain('Eliminando…');
  });
});

describe('account fields', () => {
  it('asks for an e-mail address with the keyboard and autofill of one', async () => {
    const html = await renderHtml(createElement(EmailField, { name: 'email' }));
    expect(html).toContain('Correo electrónico');
    expect(html).toMatch(/type="email"/);
    expect(html).toContain('autoComplete="email"');
    expect(html).toContain('inputMode="email"');
    expect(html).toContain('spellCheck="false"');
  });

  it('asks for an authenticator code in wide digits, unless told otherwise', async () => {
    const wide = await renderHtml(createElement(TotpCodeField, { label: 'Código', name: 'code' }));
    expect(wide).toContain('autoComplete="one-time-code"');
    expect(wide).toContain('maxLength="7"');
    expect(wide).toContain('[&amp;_input]:text-lg');
    const plain = await renderHtml(createElement(TotpCodeField, { label: 'Código', className: 'x' }));
    expect(plain).not.toContain('text-lg');
  });
});

describe('phone field', () => {
  it('is optional, a phone keyboard, and says what the number is for', async () => {
    const html = await renderHtml(createElement(PhoneField, { label: 'Teléfono', name: 'phone' }));
    expect(html).toContain('(opcional)');
    expect(html).toContain('type="tel"');
    expect(html).toContain('autoComplete="tel"');
    expect(html).toMatch(/aria-describedby="[^"]+-hint"/);
  });
});

describe('field shell', () => {
  it("shows a form's own error element instead of the standard error", async () => {
    const own = await renderHtml(
      createElement(FieldShell, {
        id: 'f',
        label: 'Nombre',
        error: 'validation.required',
        errorElement: createElement('p', { id: 'f-error' }, 'Propio'),
        children: createElement('input', { id: 'f' }),
      }),
    );
    expect(own).toContain('<p id="f-error">Propio</p>');
    expect(own.match(/f-error/g)).toHaveLength(1);
    const standard = await renderHtml(
      createElement(FieldShell, {
        id: 'f',
        label: 'Nombre',
        error: 'validation.required',
        children: createElement('input', { id: 'f' }),
      }),
    );
    expect(standard).toMatch(/<p id="f-error" class="[^"]*text-red-700/);
  });
});
