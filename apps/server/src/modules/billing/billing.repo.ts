import { unitOfWork, type Db } from '../../db/client.ts';
import { createInvoicesRepo } from './billing.invoices.repo.ts';
import { createLifecycleRepo } from './billing.lifecycle.repo.ts';
import { createInvoiceListsRepo } from './billing.lists.repo.ts';
import { createBillingTasksRepo } from './billing.tasks.repo.ts';

export type {
  BillingUserRow,
  InvoiceItemRow,
  InvoiceRow,
  NewInvoiceItemRow,
  NewInvoiceRow,
  TransactionRow,
} from './billing.invoices.repo.ts';
export type { AdminInvoiceFilter } from './billing.lists.repo.ts';

/**
 * The only place that queries invoices, their lines and what they are built from: one repository per use case
 * (invoice rows, the lists people read, the lifecycle's selections, the operator's tasks and runs), offered together
 * with one unit of work. Services that need a transaction call `transaction(async (tx) => …)`; none holds the raw db.
 */
export function createBillingRepo(db: Db) {
  return {
    ...createInvoicesRepo(db),
    ...createInvoiceListsRepo(db),
    ...createLifecycleRepo(db),
    ...createBillingTasksRepo(db),
    transaction: unitOfWork(db),
  };
}

export type BillingRepo = ReturnType<typeof createBillingRepo>;
