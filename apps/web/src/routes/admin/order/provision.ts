import type { useProvisionOrder } from '../../../api/admin.ts';
import type { AdminOrderDetail, ProvisionResponse } from '../../../api/models.ts';

/** One provisioning mutation per order page, shared by the assign and create cards (one request at a time). */
export type ProvisionMutation = ReturnType<typeof useProvisionOrder>;

/** What the assign and create cards take: the order, its provisioning mutation, and where the result goes. */
export type ProvisionCardProps = {
  order: AdminOrderDetail;
  provision: ProvisionMutation;
  onResult: (result: ProvisionResponse) => void;
};
