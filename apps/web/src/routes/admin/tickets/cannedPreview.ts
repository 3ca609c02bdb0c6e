import type { CANNED_VARIABLES } from '../../../api/ticketsAdmin.ts';

/** Sample values for the editor's preview; the real ones are filled by the API when staff inserts the response. */
const SAMPLE: Record<(typeof CANNED_VARIABLES)[number], string> = {
  'customer.firstName': 'María',
  'customer.lastName': 'Gómez',
  'customer.name': 'María Gómez',
  'customer.email': 'maria@ejemplo.com',
  'ticket.number': 'CV-T-000123',
  'ticket.subject': 'Mi servidor no responde',
  'vps.name': 'web-01',
  'vps.ip': '203.0.113.10',
  'staff.firstName': 'Sofía',
  'staff.name': 'Sofía Ruiz',
  'company.name': 'Cloud Vértice',
};

/**
 * The API's renderer (tickets.canned.ts) with sample values: `{{ name }}` is filled, an unknown variable is left as
 * written so the author sees it. Plain text, shown as text (never HTML).
 */
export function previewCanned(body: string): string {
  return body.replace(/\{\{\s*([A-Za-z]+\.[A-Za-z]+)\s*\}\}/g, (whole, name: string) =>
    name in SAMPLE ? SAMPLE[name as keyof typeof SAMPLE] : whole,
  );
}
