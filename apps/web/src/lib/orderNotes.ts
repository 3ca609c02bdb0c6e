// Note codes the server writes on order history entries (`noteCode` + `noteParams`, see the server's
// `modules/orders/orders.notes.ts`); each one has `orderNotes.<code>` in both locale files, rendered with its
// parameters in the reader's language.
export const ORDER_NOTE_CODES = [
  'paid',
  'assigned_instance',
  'assigned_with_differences',
  'instance_running',
  'creating_instance',
  'unpaid_cancelled',
] as const;
export type OrderNoteCode = (typeof ORDER_NOTE_CODES)[number];
export const isOrderNoteCode = (code: string): code is OrderNoteCode =>
  (ORDER_NOTE_CODES as readonly string[]).includes(code);

type NoteParams = Record<string, string | number>;

/** Example parameters of each code, as the server sends them (used to check every translation renders fully). */
export const ORDER_NOTE_EXAMPLES: Record<OrderNoteCode, NoteParams> = {
  paid: { provider: 'sandbox', paymentId: '0b7d3f7e-52c1-4f7b-9a51-3f0a8a3c2d11' },
  assigned_instance: { instanceId: 100001 },
  assigned_with_differences: {
    instanceId: 100003,
    orderedPlan: 'VPS 10 NVMe',
    deliveredPlan: 'VPS 20 NVMe',
    orderedRegion: 'EU',
    deliveredRegion: 'US-east',
  },
  instance_running: { instanceId: 200001 },
  creating_instance: {},
  unpaid_cancelled: { days: 7 },
};

/**
 * The i18next options of a coded note: region codes become region names, a payment provider id its name, and a
 * count of days the plural's `count`.
 */
export function orderNoteOptions(
  params: NoteParams | null | undefined,
  names: { region: (code: string) => string; provider: (id: string) => string },
): NoteParams {
  const options: NoteParams = { ...(params ?? {}) };
  for (const key of ['orderedRegion', 'deliveredRegion']) {
    const value = options[key];
    if (typeof value === 'string') options[key] = names.region(value);
  }
  if (typeof options.provider === 'string') options.provider = names.provider(options.provider);
  if (typeof options.days === 'number') options.count = options.days;
  return options;
}
