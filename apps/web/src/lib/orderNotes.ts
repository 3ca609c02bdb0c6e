// Note codes the server writes on order history entries (`noteCode` + `noteParams`); each one has
// `orderNotes.<code>` in both locale files, rendered with its parameters in the reader's language.
export const ORDER_NOTE_CODES = ['assigned_with_differences'] as const;
export type OrderNoteCode = (typeof ORDER_NOTE_CODES)[number];
export const isOrderNoteCode = (code: string): code is OrderNoteCode =>
  (ORDER_NOTE_CODES as readonly string[]).includes(code);

/** Example parameters of each code, as the server sends them (used to check every translation renders fully). */
export const ORDER_NOTE_EXAMPLES: Record<OrderNoteCode, Record<string, string | number>> = {
  assigned_with_differences: {
    instanceId: 100003,
    orderedPlan: 'VPS 10 NVMe',
    deliveredPlan: 'VPS 20 NVMe',
    orderedRegion: 'EU',
    deliveredRegion: 'US-east',
  },
};
