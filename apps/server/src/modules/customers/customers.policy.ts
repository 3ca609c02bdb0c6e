import { notFound } from '../../lib/errors.ts';

/**
 * Who the customer actions may touch: customers only. A staff account looked up here is "not found", so an admin
 * cannot ban, impersonate or edit another staff member through the customers console.
 */
export function assertCustomer<T extends { role: string }>(row: T | undefined): T {
  if (!row || row.role !== 'customer') throw notFound('Customer');
  return row;
}
