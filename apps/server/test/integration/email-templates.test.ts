import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../app.ts';
import { admin, api, customer, lastEmailTo, register, support } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';

let t: TestApp;
let asAdmin: ReturnType<typeof api>;
let adminEmail: string;

beforeAll(async () => {
  t = await createTestApp({ seed: false });
  const a = await admin(t);
  adminEmail = a.email;
  asAdmin = api(t.app, a.accessToken);
});
afterAll(async () => {
  await t.close();
});

const url = (key: string, language = 'es') => `/api/admin/email-templates/${key}/${language}`;

describe(`e-mail templates (${TEST_ENGINE})`, () => {
  it('lists every editable template per language with its variables and built-in default', async () => {
    const list = (await asAdmin({ method: 'GET', url: '/api/admin/email-templates' })).json();
    const keys = new Set(list.items.map((i: { key: string }) => i.key));
    for (const key of [
      'verify-email',
      'reset-password',
      'password-changed',
      'email-change',
      'staff-invite',
    ]) {
      expect(keys.has(key), key).toBe(true);
    }
    expect(list.items.every((i: { customised: boolean }) => !i.customised)).toBe(true);
    const one = (await asAdmin({ method: 'GET', url: url('verify-email') })).json();
    expect(one.variables).toEqual(expect.arrayContaining(['name', 'link', 'company']));
    expect(one.sources.subject).toBe('Confirma tu correo en <%= it.company %>');
    expect(one.customised).toBe(false);
  });

  it('a saved Spanish subject is used by the next registration, in Spanish only', async () => {
    const current = (await asAdmin({ method: 'GET', url: url('verify-email') })).json();
    const save = await asAdmin({
      method: 'PUT',
      url: url('verify-email'),
      payload: {
        ...current.sources,
        subject: '¡Bienvenido a <%= it.company %>, <%= it.name %>! Confirma tu correo',
      },
    });
    expect(save.statusCode).toBe(200);
    expect(save.json().customised).toBe(true);

    const es = await register(t.app, { firstName: 'Lucía', language: 'es' });
    expect((await lastEmailTo(t, es.email))?.subject).toBe(
      '¡Bienvenido a Cloud Vértice, Lucía! Confirma tu correo',
    );
    const en = await register(t.app, { firstName: 'John', language: 'en' });
    expect((await lastEmailTo(t, en.email))?.subject).toBe('Confirm your e-mail at Cloud Vértice');
  });

  it('values are HTML-escaped in the HTML body (and the subject cannot carry a header break)', async () => {
    // A header break never reaches a template: names with control characters are refused at the door.
    const broken = await register(t.app, { firstName: 'Ana\r\nBcc: x@evil.test' });
    expect(broken.res.statusCode).toBe(400);
    const evil = await register(t.app, { firstName: '<script>alert(1)</script> Bcc: x@evil.test' });
    const mail = await lastEmailTo(t, evil.email);
    expect(mail!.html).not.toContain('<script>alert(1)</script>');
    expect(mail!.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail!.subject).not.toMatch(/[\r\n]/);
  });

  it('refuses, naming the problem, unknown variables, code, raw output and templates that do not render', async () => {
    const base = (await asAdmin({ method: 'GET', url: url('reset-password') })).json().sources;
    const cases: [Record<string, string>, RegExp][] = [
      [{ subject: 'Hola <%= it.nombre %>' }, /subject: unknown variable "nombre"/],
      [{ html: '<p><%= it.link %> <%= it.secret %></p>' }, /html: unknown variable "secret"/],
      [{ text: '<% process.exit(1) %>' }, /text: only if\/else/],
      [{ html: '<%~ it.link %>' }, /raw output/],
      [{ html: '<%= it.link.constructor %>' }, /only "<%= it.variable %>"/],
      [{ html: '<% if (it.name) { %>unclosed' }, /html: the template does not render/],
      [{ subject: '' }, /./],
    ];
    for (const [patch, message] of cases) {
      const res = await asAdmin({
        method: 'PUT',
        url: url('reset-password'),
        payload: { ...base, ...patch },
      });
      expect(res.statusCode, JSON.stringify(patch)).toBe(400);
      expect(res.json().error.message, JSON.stringify(patch)).toMatch(message);
    }
    for (const payload of [
      { ...base, html: 'a\u0000b' },
      { ...base, html: 'x'.repeat(50_001) },
      { subject: 1 },
    ]) {
      expect((await asAdmin({ method: 'PUT', url: url('reset-password'), payload })).statusCode).toBe(400);
    }
    expect((await asAdmin({ method: 'GET', url: url('no-such-template') })).statusCode).toBe(404);
    expect((await asAdmin({ method: 'GET', url: url('reset-password', 'fr') })).statusCode).toBe(400);
    expect((await asAdmin({ method: 'GET', url: url('reset-password') })).json().customised).toBe(false);
  });

  it('previews with sample data and the company colour and logo, sends a test to the admin, restores the default', async () => {
    await asAdmin({
      method: 'PUT',
      url: '/api/admin/settings/company',
      payload: { primaryColor: '#16a34a', logoUrl: 'https://cdn.example.test/logo.png' },
    });
    const preview = await asAdmin({
      method: 'POST',
      url: '/api/admin/email-templates/password-changed/preview',
      payload: { language: 'en', subject: 'Changed at <%= it.when %>' },
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().subject).toBe('Changed at 2026-01-15 10:30');
    expect(preview.json().html).toContain('#16a34a');
    expect(preview.json().html).toContain('https://cdn.example.test/logo.png');
    const badPreview = await asAdmin({
      method: 'POST',
      url: '/api/admin/email-templates/password-changed/preview',
      payload: { language: 'en', html: '<%= it.password %>' },
    });
    expect(badPreview.statusCode).toBe(400);

    const sent = await asAdmin({
      method: 'POST',
      url: '/api/admin/email-templates/password-changed/test',
      payload: { language: 'es' },
    });
    expect(sent.json()).toEqual({ sentTo: adminEmail });
    const mail = await lastEmailTo(t, adminEmail);
    expect(mail!.subject).toBe('[Test] Tu contraseña de Cloud Vértice cambió');

    const restored = await asAdmin({ method: 'DELETE', url: url('verify-email') });
    expect(restored.json()).toMatchObject({ customised: false });
    const again = await register(t.app, { firstName: 'Pablo', language: 'es' });
    expect((await lastEmailTo(t, again.email))?.subject).toBe('Confirma tu correo en Cloud Vértice');
  });

  it('lists the order, server, billing and ticket e-mails too, and an edited ticket e-mail is the one sent', async () => {
    const list = (await asAdmin({ method: 'GET', url: '/api/admin/email-templates' })).json();
    const keys = new Set(list.items.map((i: { key: string }) => i.key));
    for (const key of [
      'orders-paid',
      'orders-paid-admin',
      'vps-ready',
      'invoice-reminder',
      'invoice-overdue',
      'service-suspended',
      'termination-warning',
      'service-reactivated',
      'service-ended',
      'ticket-reply',
      'ticket-auto-closed',
      'ticket-new-staff',
      'ticket-customer-reply-staff',
    ]) {
      expect(keys.has(key), key).toBe(true);
      for (const language of ['es', 'en']) {
        const preview = await asAdmin({
          method: 'POST',
          url: `/api/admin/email-templates/${key}/preview`,
          payload: { language },
        });
        expect(preview.statusCode, `${key} ${language}`).toBe(200);
        expect(preview.body).not.toContain('undefined');
      }
    }

    const current = (await asAdmin({ method: 'GET', url: url('ticket-new-staff') })).json();
    expect(current.variables).toEqual(expect.arrayContaining(['number', 'customer', 'message']));
    const saved = await asAdmin({
      method: 'PUT',
      url: url('ticket-new-staff'),
      payload: {
        ...current.sources,
        subject: 'Ticket <%= it.number %> de <%= it.customer %>',
        html: `<p>Mensaje:</p><p><%= it.message %></p>`,
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const customerApi = api(t.app, (await customer(t)).accessToken);
    const opened = await customerApi({
      method: 'POST',
      url: '/api/tickets',
      payload: { subject: 'No arranca', message: '<b>urgente</b>' },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const mail = await lastEmailTo(t, adminEmail);
    expect(mail!.subject).toMatch(new RegExp(`^Ticket ${opened.json().number} de Ana Pérez <`));
    expect(mail!.html).toContain('<p>&lt;b&gt;urgente&lt;/b&gt;</p>');
  });

  it('is for settings managers only', async () => {
    const asSupport = api(t.app, (await support(t)).accessToken);
    expect((await asSupport({ method: 'GET', url: '/api/admin/email-templates' })).statusCode).toBe(403);
  });
});
