/**
 * Notes the server writes on order history entries, stored as a code and its parameters (never as English text) so
 * the web renders each one in the reader's language (`orderNotes.<code>` in apps/web/src/i18n/*.json). The web's
 * list of codes (`apps/web/src/lib/orderNotes.ts`) must hold every code here; a test checks both agree.
 */
export interface OrderNote {
  noteCode: OrderNoteCode;
  noteParams: Record<string, string | number> | null;
}

export const ORDER_NOTE_CODES = [
  'paid',
  'assigned_instance',
  'assigned_with_differences',
  'instance_running',
  'creating_instance',
  'unpaid_cancelled',
] as const;
export type OrderNoteCode = (typeof ORDER_NOTE_CODES)[number];

export const orderNote = {
  /** Settled by a payment: the provider id (sandbox, stripe, bank_transfer…) and our payment id. */
  paid: (provider: string, paymentId: string): OrderNote => ({
    noteCode: 'paid',
    noteParams: { provider, paymentId },
  }),
  /** The admin assigned an existing Contabo instance. */
  assignedInstance: (instanceId: number): OrderNote => ({
    noteCode: 'assigned_instance',
    noteParams: { instanceId },
  }),
  /** An instance created through Contabo's API reported running. */
  instanceRunning: (instanceId: number): OrderNote => ({
    noteCode: 'instance_running',
    noteParams: { instanceId },
  }),
  creatingInstance: (): OrderNote => ({ noteCode: 'creating_instance', noteParams: null }),
  /** Cancelled by the unpaid-order job after this many days. */
  unpaidCancelled: (days: number): OrderNote => ({ noteCode: 'unpaid_cancelled', noteParams: { days } }),
};
