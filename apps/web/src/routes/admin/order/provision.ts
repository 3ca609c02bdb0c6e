import type { useProvisionOrder } from '../../../api/admin.ts';

/** One provisioning mutation per order page, shared by the assign and create cards (one request at a time). */
export type ProvisionMutation = ReturnType<typeof useProvisionOrder>;
