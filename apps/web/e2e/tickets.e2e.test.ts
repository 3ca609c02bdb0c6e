// Support end to end against the real server in demo mode: a customer opens a ticket about their server with a
// screenshot attached → staff sees it first in the queue and answers with a canned response → the customer's page
// shows the reply live (no reload) and the e-mail is in the outbox → the customer replies and the ticket is back to
// "waiting on staff" → staff closes it → the customer rates it.
import { describe, expect, it } from 'vitest';
import {
  adminToken,
  apiCall,
  assignServer,
  paidOrder,
  registerVerified,
  waitForEmail,
  type Customer,
} from './api.ts';
import { signIn } from './flows.ts';
import { E2E_ADMIN, newPage, setupE2e, shootBoth } from './harness.ts';

const e2e = setupE2e();

/** A real 1×1 PNG, as a screenshot a customer would attach. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('support tickets', () => {
  it('customer → staff with a canned reply → live reply and e-mail → customer replies → closed → rated', async () => {
    const customer: Customer = {
      firstName: 'Valentina',
      lastName: 'Quispe',
      email: `valentina.${Date.now()}@cloudvertice.test`,
      password: 'Vértice-soporte-2026',
    };
    const admin = await adminToken(e2e.baseUrl);
    const token = await registerVerified(e2e.baseUrl, customer, admin);
    const order = await paidOrder(e2e.baseUrl, token, 'VPS 10 NVMe', 'EU');
    await assignServer(e2e.baseUrl, admin, order.id, 'VPS 10 NVMe', 'EU');
    const servers = await apiCall<{ items: Array<{ id: string; ipv4: string | null }> }>(
      e2e.baseUrl,
      '/api/vps',
      {
        token,
      },
    );
    const vps = servers.items[0]!;
    const user = await newPage(e2e.browser, { width: 1280, height: 900 });
    const staff = await newPage(e2e.browser, { width: 1280, height: 900 });
    try {
      // The customer starts from their server's page.
      await signIn(user.page, e2e.baseUrl, customer, /\/panel$/);
      await user.page.goto(`${e2e.baseUrl}/panel/servers/${vps.id}`);
      await user.page.getByTestId('ticket-about-server').click();
      await user.page.getByRole('heading', { name: 'Nuevo ticket' }).waitFor();
      // The server list loads after the form; the link pre-selects this server.
      await expect.poll(() => user.page.getByLabel('Servidor').inputValue()).toBe(vps.id);
      const subject = `Mi servidor no responde ${Date.now()}`;
      await user.page.getByLabel('Asunto').fill(subject);
      await user.page.getByLabel('Prioridad').selectOption('high');
      await user.page.getByLabel('Mensaje').fill('Desde esta mañana no responde por SSH.\nAdjunto captura.');
      await user.page
        .getByTestId('ticket-files')
        .setInputFiles({ name: 'captura.png', mimeType: 'image/png', buffer: PNG });
      await user.page.getByText('captura.png').waitFor();
      await shootBoth(user.page, 'support-new-ticket', () =>
        user.page.getByTestId('new-ticket-form').waitFor(),
      );
      await user.page.getByRole('button', { name: 'Enviar ticket' }).click();
      await user.page.waitForURL(/\/panel\/support\/[0-9a-f-]{36}$/);
      const ticketId = user.page.url().split('/').at(-1)!;
      await user.page.getByTestId('ticket-status').filter({ hasText: 'Esperando a soporte' }).waitFor();
      await user.page.getByTestId('attachment').filter({ hasText: 'captura.png' }).waitFor();

      // Staff: the new ticket is first in the queue (waiting on staff, oldest wait first among new ones).
      await signIn(staff.page, e2e.baseUrl, E2E_ADMIN, /\/admin$/);

      // Staff writes a canned response on its admin page: variables listed, preview with sample values, saved.
      await staff.page.goto(`${e2e.baseUrl}/admin/tickets`);
      await staff.page.getByRole('link', { name: 'Respuestas predefinidas' }).click();
      await staff.page.getByRole('heading', { name: 'Respuestas predefinidas', level: 1 }).waitFor();
      await staff.page.getByTestId('canned-variables').getByText('{{vps.ip}}').waitFor();
      const cannedTitle = `Reinicio ${Date.now()}`;
      await staff.page.getByTestId('canned-new').click();
      const editor = staff.page.getByRole('dialog', { name: 'Nueva respuesta predefinida' });
      await editor.getByLabel('Título').fill(cannedTitle);
      await editor
        .getByLabel('Texto')
        .fill('Hola {{customer.firstName}}: revisamos tu servidor ({{vps.ip}}) y ya responde.');
      await editor.getByRole('button', { name: '{{ticket.number}}' }).click();
      await expect
        .poll(() => editor.getByLabel('Texto').inputValue())
        .toBe(
          'Hola {{customer.firstName}}: revisamos tu servidor ({{vps.ip}}) y ya responde.{{ticket.number}}',
        );
      await editor
        .getByLabel('Texto')
        .fill(
          'Hola {{customer.firstName}}: revisamos tu servidor ({{vps.ip}}) y ya responde. Ticket {{ticket.number}}.',
        );
      await editor
        .getByTestId('canned-preview')
        .filter({
          hasText: 'Hola María: revisamos tu servidor (203.0.113.10) y ya responde. Ticket CV-T-000123.',
        })
        .waitFor();
      await editor.getByRole('button', { name: 'Guardar respuesta' }).click();
      await editor.waitFor({ state: 'hidden' });
      await staff.page.getByTestId('canned-card').filter({ hasText: cannedTitle }).waitFor();
      await shootBoth(staff.page, 'admin-canned-responses', () =>
        staff.page.getByTestId('canned-card').first().waitFor(),
      );
      // The other support administration pages render: unmatched mail (empty here) and the mailbox settings (off).
      await staff.page.goto(`${e2e.baseUrl}/admin/tickets/unmatched`);
      await staff.page.getByText('No hay correo sin asignar').waitFor();
      await shootBoth(staff.page, 'admin-unmatched-mail', () =>
        staff.page.getByText('No hay correo sin asignar').waitFor(),
      );
      await staff.page.goto(`${e2e.baseUrl}/admin/settings`);
      await staff.page.getByTestId('support-mail-state').filter({ hasText: 'Desactivado' }).waitFor();
      await shootBoth(staff.page, 'admin-settings-support-mail', () =>
        staff.page.getByTestId('support-mail-settings').waitFor(),
      );

      await staff.page.goto(`${e2e.baseUrl}/admin/tickets?status=waiting_staff`);
      await staff.page.getByRole('heading', { name: 'Tickets', level: 1 }).waitFor();
      const row = staff.page.getByTestId('queue-row').filter({ hasText: subject });
      await row.waitFor();
      const number = await row.getAttribute('data-number');
      expect(number).toMatch(/^CV-T-\d{6}$/);
      await shootBoth(staff.page, 'admin-tickets-queue', () =>
        staff.page
          .locator('[data-testid="queue-row"]:visible, [data-testid="queue-card"]:visible')
          .first()
          .waitFor(),
      );
      // Only this run's tickets wait in a fresh demo database, so ours is at the top.
      expect(await staff.page.getByTestId('queue-row').first().getAttribute('data-number')).toBe(number);
      await row.getByRole('link', { name: subject }).click();
      await staff.page.getByTestId('customer-context').getByText(customer.email).waitFor();
      await staff.page.getByTestId('attachment').filter({ hasText: 'captura.png' }).waitFor();

      // A canned response, rendered with this ticket's variables, then sent.
      await staff.page.getByTestId('canned-picker').selectOption({ label: cannedTitle });
      const rendered = `Hola Valentina: revisamos tu servidor (${vps.ipv4 ?? ''}) y ya responde. Ticket ${number}.`;
      await expect.poll(() => staff.page.getByLabel('Respuesta al cliente').inputValue()).toBe(rendered);
      await shootBoth(staff.page, 'admin-ticket', () => staff.page.getByTestId('thread').waitFor());
      await staff.page.getByRole('button', { name: 'Enviar respuesta' }).click();

      // The customer's page shows the reply without a reload, and the e-mail is in the outbox.
      await user.page
        .getByTestId('message')
        .filter({ hasText: 'revisamos tu servidor' })
        .waitFor({ timeout: 15_000 });
      await user.page.getByTestId('ticket-status').filter({ hasText: 'Esperando tu respuesta' }).waitFor();
      const mail = await waitForEmail(e2e.baseUrl, admin, customer.email, 'ticket-reply');
      expect(mail.subject).toBe(`[${number}] ${subject}`);
      expect(mail.text).toContain(rendered);
      await shootBoth(user.page, 'support-ticket', () => user.page.getByTestId('thread').waitFor());

      // The customer answers: back to "waiting on staff" on both sides.
      await user.page
        .getByLabel('Tu respuesta')
        .fill('Gracias, ya funciona. Una duda: https://example.com/ayuda');
      await user.page.getByRole('button', { name: 'Enviar respuesta' }).click();
      await user.page.getByTestId('ticket-status').filter({ hasText: 'Esperando a soporte' }).waitFor();
      await user.page.getByRole('link', { name: 'https://example.com/ayuda' }).waitFor();
      await staff.page
        .getByTestId('ticket-status')
        .filter({ hasText: 'Respuesta del cliente' })
        .waitFor({ timeout: 15_000 });

      // Staff closes it; the customer is offered the rating live, and rates it.
      await staff.page.getByTestId('status-control').selectOption('closed');
      await staff.page.getByTestId('ticket-status').filter({ hasText: 'Cerrado' }).waitFor();
      await user.page.getByTestId('rating-form').waitFor({ timeout: 15_000 });
      await user.page.getByRole('button', { name: '5 estrellas' }).click();
      await user.page.getByLabel('Comentario (opcional)').fill('Muy rápidos');
      await user.page.getByRole('button', { name: 'Enviar valoración' }).click();
      await user.page.getByTestId('ticket-rated').waitFor();
      const rated = await apiCall<{ rating: number }>(e2e.baseUrl, `/api/tickets/${ticketId}`, { token });
      expect(rated.rating).toBe(5);

      await user.page.goto(`${e2e.baseUrl}/panel/support`);
      await shootBoth(user.page, 'support-list', () =>
        user.page
          .locator('[data-testid="ticket-row"]:visible, [data-testid="ticket-card"]:visible')
          .first()
          .waitFor(),
      );
    } finally {
      await user.context.close();
      await staff.context.close();
    }
  }, 240_000);
});
