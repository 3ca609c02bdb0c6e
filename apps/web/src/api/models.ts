// Names for the API's shapes, every one taken from the generated contract (`schema.gen.ts`): screens import these
// names, the shapes themselves come from the server's zod schemas. Only what HTTP cannot describe (the Server-Sent
// Event of the VPS panel) and the web's own constants are written here.
import type { BodyOf, QueryOf, ResponseOf } from './contract.ts';

type Item<T> = T extends { items: Array<infer I> } ? I : never;
type Defined<T> = Exclude<T, undefined>;

export type List<T> = { items: T[]; total: number };

// --- Site and catalogue ---
export type SiteInfo = ResponseOf<'/api/site'>;
export type CompanyInfo = SiteInfo['company'];
export type Product = Item<ResponseOf<'/api/products'>>;
export type ProductRegion = Product['regions'][number];
export type ProductPrice = Product['prices'][number];
export type DiskType = Defined<ProductQuery['diskType']>;
export type PeriodMonths = ProductPrice['periodMonths'];
export type ProductQuery = QueryOf<'/api/products'>;
/** The sorts the pricing page offers (the API has more). */
export type ProductSort = Extract<
  Defined<ProductQuery['sort']>,
  'price' | '-price' | 'ram' | '-ram' | 'cpu' | '-cpu'
>;
export type ProductDetail = ResponseOf<'/api/products/{id}'>;
export type Region = Item<ResponseOf<'/api/regions'>>;
export type OsImage = Item<ResponseOf<'/api/images'>>;

// --- Accounts ---
export type MeResponse = ResponseOf<'/api/auth/me'>;
export type User = MeResponse['user'];
export type UserRole = User['role'];
export type BillingProfile = User['billing'];
export type LoginRequest = BodyOf<'/api/auth/login', 'post'>;
export type LoginResponse = ResponseOf<'/api/auth/login', 'post'>;
export type RegisterRequest = BodyOf<'/api/auth/register', 'post'>;
export type ProfileUpdate = BodyOf<'/api/account/profile', 'patch'>;
export type SshKey = Item<ResponseOf<'/api/account/ssh-keys'>>;
export type TwoFactorSetup = ResponseOf<'/api/account/2fa/setup', 'post'>;
export type TwoFactorState = ResponseOf<'/api/account/2fa/enable', 'post'>;
export type AccountSession = Item<ResponseOf<'/api/account/sessions'>>;

// --- Orders and payments ---
export type Order = Item<ResponseOf<'/api/orders'>>;
export type OrderStatus = Order['status'];
export const ORDER_STATUSES: readonly OrderStatus[] = [
  'pending',
  'paid',
  'processing',
  'provisioning',
  'completed',
  'cancelled',
];
export type CartItemRequest = BodyOf<'/api/orders', 'post'>['items'][number];
export type OrderDetail = ResponseOf<'/api/orders/{id}'>;
export type OrderHistoryEntry = OrderDetail['history'][number];
export type OrderQuery = QueryOf<'/api/orders'>;
export type CreateOrdersResponse = ResponseOf<'/api/orders', 'post'>;
export type PaymentProvider = Item<ResponseOf<'/api/payments/providers'>>;
export type PaymentProviderId = PaymentProvider['id'];
export type PayScope = Defined<BodyOf<'/api/orders/{id}/pay', 'post'>['scope']>;
export type Payment = ResponseOf<'/api/payments/{id}'>;
export type PaymentStatus = Payment['status'];
export type BankInstructions = NonNullable<Payment['instructions']>;
export type PaymentInvoice = NonNullable<Payment['invoice']>;

// --- Invoices ---
export type Invoice = Item<ResponseOf<'/api/invoices'>>;
export type InvoiceStatus = Invoice['status'];
export const INVOICE_STATUSES: readonly InvoiceStatus[] = ['issued', 'overdue', 'paid', 'void'];
export type InvoiceType = Invoice['type'];
export type InvoiceQuery = QueryOf<'/api/invoices'>;
/** `unpaid` = issued + overdue. */
export type InvoiceFilter = Defined<InvoiceQuery['status']>;
export type InvoiceDetail = ResponseOf<'/api/invoices/{id}'>;
export type InvoiceParty = InvoiceDetail['billTo'];
export type InvoiceItem = InvoiceDetail['items'][number];
export type InvoiceTransaction = NonNullable<InvoiceDetail['transactions']>[number];
export type CreditNoteRef = NonNullable<InvoiceDetail['creditNotes']>[number];
export type InvoiceSummary = ResponseOf<'/api/invoices/summary'>;
export type InvoicePayment = ResponseOf<'/api/invoices/{id}/pay', 'post'>;
export type AdminInvoice = Item<ResponseOf<'/api/admin/invoices'>>;
/** `from`/`to` are ISO dates the server coerces, which its OpenAPI document cannot type (`unknown`). */
export type AdminInvoiceQuery = Omit<QueryOf<'/api/admin/invoices'>, 'from' | 'to'> & {
  from?: string;
  to?: string;
};
export type CreditNoteRequest = BodyOf<'/api/admin/invoices/{id}/credit-note', 'post'>;
export type BillingOverview = ResponseOf<'/api/admin/billing/overview'>;
export type AdminService = BillingOverview['expiring'][number];
export type AdminTask = ResponseOf<'/api/admin/tasks/{id}/done', 'post'>;
export type JobRun = ResponseOf<'/api/admin/billing/run', 'post'>;
export type BillingSettings = ResponseOf<'/api/admin/settings/billing'>;

// --- Servers ---
export type Vps = ResponseOf<'/api/vps/{id}'>;
export type VpsOpenInvoice = NonNullable<Vps['openInvoice']>;
export type RenewalUpdate = BodyOf<'/api/vps/{id}/renewal', 'patch'>;
/** Contabo's instance status as last seen (running, stopped, provisioning, rescue, reset_password, …). */
export type VpsStatus = Vps['status'];
export type ServiceStatus = Defined<AdminVpsQuery['serviceStatus']>;
export type VpsAction = Item<ResponseOf<'/api/vps/{id}/actions'>>;
export type VpsActionType = VpsAction['actionType'];
export type VpsActionStatus = VpsAction['status'];
/** An action as the panel keeps it; `reset-password` answers `{ action, generatedPassword }`, flattened in vps.ts. */
export type VpsActionResponse = VpsAction & {
  generatedPassword?: NonNullable<ResponseOf<'/api/vps/{id}/reset-password', 'post'>['generatedPassword']>;
};
export type VpsCredentials = ResponseOf<'/api/vps/{id}/credentials', 'post'>;
export type SnapshotList = ResponseOf<'/api/vps/{id}/snapshots'>;
export type Snapshot = SnapshotList['items'][number];
export type SnapshotQuota = SnapshotList['quota'];
export type VpsStatusChange = Item<ResponseOf<'/api/vps/{id}/history'>>;

/** One Server-Sent Event of `GET /api/vps/:id/events` (`event: vps`); a stream, so not in the OpenAPI document. */
export type VpsEvent = {
  type: 'vps.status' | 'vps.action';
  status?: string;
  actionId?: string;
  actionStatus?: VpsActionStatus;
  at: string;
};

// --- Administration ---
export type Customer = Item<ResponseOf<'/api/admin/customers'>>;
export type AdminOrder = Item<ResponseOf<'/api/admin/orders'>>;
export type AdminOrderDetail = ResponseOf<'/api/admin/orders/{id}'>;
export type ProvisioningAttempt = NonNullable<AdminOrderDetail['provisioning']>;
export type AdminOrderQuery = QueryOf<'/api/admin/orders'>;
export type ProvisionRequest = BodyOf<'/api/admin/orders/{id}/provision', 'post'>;
export type ProvisionResponse = ResponseOf<'/api/admin/orders/{id}/provision', 'post'>;
export type AdminVps = Item<ResponseOf<'/api/admin/vps'>>;
export type AdminVpsQuery = QueryOf<'/api/admin/vps'>;
export type AdminVpsUpdate = BodyOf<'/api/admin/vps/{id}', 'put'>;
export type ContaboInstance = Item<ResponseOf<'/api/admin/contabo/instances'>>;
export type AssignInstanceRequest = BodyOf<'/api/admin/vps/assign', 'post'>;
export type OutboxItem = Item<ResponseOf<'/api/admin/outbox'>>;
export type OutboxQuery = QueryOf<'/api/admin/outbox'>;
export type OutboxStatus = Defined<OutboxQuery['status']>;
export type OutboxDetail = ResponseOf<'/api/admin/outbox/{id}'>;

// --- Administration: catalogue and store settings ---
export const ADMIN_DISK_TYPES = ['NVMe', 'SSD', 'HDD'] as const satisfies readonly ProductInput['diskType'][];
export type AdminDiskType = (typeof ADMIN_DISK_TYPES)[number];
export type AdminProduct = ResponseOf<'/api/admin/products/{id}'>;
export type AdminPrice = AdminProduct['prices'][number];
export type AdminProductRegion = AdminProduct['regions'][number];
export type ProductInput = BodyOf<'/api/admin/products', 'post'>;
export type PriceRuleInput = ProductInput['prices'][number];
export type ProductDeleteResult = ResponseOf<'/api/admin/products/{id}', 'delete'>;
export type AdminImage = Item<ResponseOf<'/api/admin/images'>>;
export type ImageUpdate = BodyOf<'/api/admin/images/{id}', 'put'>;
export type ImageSyncResult = ResponseOf<'/api/admin/images/sync', 'post'>;
export type CompanySettings = ResponseOf<'/api/admin/settings/company'>;
export type PaymentSettings = ResponseOf<'/api/admin/settings/payments'>;
export type PaymentSettingsUpdate = BodyOf<'/api/admin/settings/payments', 'put'>;
export type GatewaySource = PaymentSettings['stripe']['source'];
export type GatewayId = 'stripe' | 'mercadopago' | 'paypal';
export type BankTransferDetails = PaymentSettings['bankTransfer']['details'];
