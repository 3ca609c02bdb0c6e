// Response shapes of the public API (mirrors the server's zod response schemas).

export type List<T> = { items: T[]; total: number };

export type CompanyInfo = {
  legalName: string;
  address: string;
  taxId: string;
  email: string;
  phone: string;
};

export type SiteInfo = {
  name: string;
  demoMode: boolean;
  currency: string;
  supportEmail: string;
  company: CompanyInfo;
};

export type DiskType = 'NVMe' | 'SSD';
export type PeriodMonths = 1 | 6 | 12;

export type ProductRegion = { code: string; name: string; surchargeMinor: number };

export type ProductPrice = {
  periodMonths: PeriodMonths;
  totalMinor: number;
  monthlyMinor: number;
  discountPercent: number;
  setupFeeMinor: number;
};

export type Product = {
  id: string;
  contaboProductId: string;
  name: string;
  description: string;
  ramMb: number;
  cpuCores: number;
  diskGb: number;
  diskType: DiskType;
  currency: string;
  regions: ProductRegion[];
  prices: ProductPrice[];
  fromMonthlyMinor: number;
};

export type ProductSort = 'price' | '-price' | 'ram' | '-ram' | 'cpu' | '-cpu';

export type ProductQuery = {
  ramMin?: number;
  cpuMin?: number;
  diskMin?: number;
  diskType?: DiskType;
  region?: string;
  sort?: ProductSort;
  page?: number;
  pageSize?: number;
};

export type Region = { code: string; name: string; location: string };

export type OsImage = {
  id: string;
  name: string;
  osType: 'Linux' | 'Windows';
  version: string;
  description: string;
};

// --- Accounts (auth + account modules) ---

export type UserRole = 'customer' | 'admin';

/** Billing data printed on invoices; every field may be empty. */
export type BillingProfile = {
  companyName: string | null;
  taxId: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  city: string | null;
  state: string | null;
  postalCode: string | null;
  /** ISO 3166-1 alpha-2 */
  country: string | null;
};

export type User = {
  id: string;
  email: string;
  emailVerified: boolean;
  firstName: string;
  lastName: string;
  name: string;
  phone: string | null;
  language: string;
  role: UserRole;
  twoFactorEnabled: boolean;
  billing: BillingProfile;
  lastLoginAt: string | null;
  createdAt: string;
};

export type MeResponse = { user: User };

/** `totpCode` (6 digits) or `recoveryCode` answers the 401 two_factor_required. */
export type LoginRequest = { email: string; password: string; totpCode?: string; recoveryCode?: string };
export type LoginResponse = {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: User;
};

export type RegisterRequest = {
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  phone?: string;
  language?: 'es' | 'en';
};

export type ProfileUpdate = {
  firstName?: string;
  lastName?: string;
  phone?: string | null;
  language?: 'es' | 'en';
  billing?: Partial<BillingProfile>;
};

export type SshKey = {
  id: string;
  name: string;
  type: string;
  fingerprint: string;
  publicKey: string;
  createdAt: string;
};

export type TwoFactorSetup = { secret: string; otpauthUri: string; recoveryCodes: string[] };
export type TwoFactorState = {
  twoFactorEnabled: boolean;
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
};

export type AccountSession = {
  id: string;
  current: boolean;
  /** Readable device ("Chrome on Linux"), made by the server from the user agent. */
  device: string;
  userAgent: string | null;
  ipAddress: string | null;
  createdAt: string;
  lastUsedAt: string;
  expiresAt: string;
};

// --- Catalogue detail, orders and payments (orders + payments modules) ---

/** `GET /api/products/:id`: a plan with the OS images it can be installed with. */
export type ProductDetail = Product & { images: OsImage[] };

export type OrderStatus = 'pending' | 'paid' | 'processing' | 'provisioning' | 'completed' | 'cancelled';
export const ORDER_STATUSES: readonly OrderStatus[] = [
  'pending',
  'paid',
  'processing',
  'provisioning',
  'completed',
  'cancelled',
];

/** One cart line as `POST /api/orders` takes it; the server computes every amount. */
export type CartItemRequest = {
  productId: string;
  periodMonths: number;
  region: string;
  imageId: string;
  sshKeyIds?: string[];
  sshPublicKeys?: Array<{ name: string; publicKey: string }>;
  displayName?: string;
  userData?: string;
};

export type Order = {
  id: string;
  orderNumber: string;
  checkoutId: string | null;
  status: OrderStatus;
  paymentStatus: string;
  paymentMethod: string | null;
  currency: string;
  periodMonths: number;
  subtotalMinor: number;
  setupFeeMinor: number;
  regionSurchargeMinor: number;
  totalMinor: number;
  region: string;
  product: { id: string; name: string; contaboProductId: string };
  image: { id: string; name: string; osType: string } | null;
  displayName: string | null;
  sshKeys: Array<{ name: string; fingerprint: string }>;
  hasUserData: boolean;
  createdAt: string;
  paidAt: string | null;
  completedAt: string | null;
  cancelledAt: string | null;
};

export type OrderHistoryEntry = {
  fromStatus: string | null;
  toStatus: string;
  actorType: string;
  note: string | null;
  createdAt: string;
};

export type OrderDetail = Order & { history: OrderHistoryEntry[] };

export type OrderQuery = { status?: OrderStatus; page?: number; pageSize?: number };

export type CreateOrdersResponse = { checkoutId: string; items: Order[] };

export type PaymentProviderId = 'stripe' | 'mercadopago' | 'paypal' | 'bank_transfer' | 'sandbox';
export type PaymentProvider = { id: PaymentProviderId; currency: string; sandbox: boolean };
export type PayScope = 'order' | 'checkout';

export type BankInstructions = {
  bankName: string;
  accountHolder: string;
  accountNumber: string;
  swift: string;
  reference: string;
  amountMinor: number;
  currency: string;
  note: string;
};

/** pending → succeeded | failed | cancelled; `mismatch` (amount differs, reviewed by staff) and `refunded`. */
export type PaymentStatus = 'pending' | 'succeeded' | 'failed' | 'cancelled' | 'mismatch' | 'refunded';

export type Payment = {
  id: string;
  provider: PaymentProviderId;
  status: PaymentStatus | (string & {});
  amountMinor: number;
  currency: string;
  providerAmountMinor: number | null;
  providerCurrency: string | null;
  orders: Array<{ id: string; orderNumber: string; status: OrderStatus; totalMinor: number }>;
  /** The invoice this payment settles (invoice payments: renewals); `orders` is empty then. */
  invoice?: PaymentInvoice | null;
  redirectUrl: string | null;
  instructions: BankInstructions | null;
  createdAt: string;
};

export type PaymentInvoice = {
  id: string;
  invoiceNumber: string | null;
  status: InvoiceStatus;
  totalMinor: number;
  currency: string;
};

// --- Invoices (billing module) ---

export type InvoiceStatus = 'draft' | 'issued' | 'paid' | 'overdue' | 'void';
export const INVOICE_STATUSES: readonly InvoiceStatus[] = ['issued', 'overdue', 'paid', 'void'];
export type InvoiceType = 'invoice' | 'credit_note';
/** `unpaid` = issued + overdue. */
export type InvoiceFilter = 'unpaid' | 'issued' | 'overdue' | 'paid' | 'void';

export type Invoice = {
  id: string;
  invoiceNumber: string | null;
  type: InvoiceType | (string & {});
  status: InvoiceStatus;
  /** The invoice a credit note corrects. */
  referenceInvoiceId: string | null;
  referenceInvoiceNumber: string | null;
  orderId: string | null;
  vpsInstanceId: string | null;
  currency: string;
  subtotalMinor: number;
  discountMinor: number;
  taxMinor: number;
  totalMinor: number;
  taxName: string | null;
  taxRate: number | null;
  taxMode: 'inclusive' | 'exclusive';
  periodStart: string | null;
  periodEnd: string | null;
  issuedAt: string | null;
  dueAt: string | null;
  paidAt: string | null;
  voidedAt: string | null;
};

export type InvoiceParty = {
  name: string;
  companyName?: string | null;
  taxId?: string | null;
  address?: string | null;
  country?: string | null;
  email?: string | null;
  phone?: string | null;
};

export type InvoiceItem = {
  description: string;
  quantity: number;
  unitPriceMinor: number;
  discountMinor: number;
  taxMinor: number;
  totalMinor: number;
  periodStart: string | null;
  periodEnd: string | null;
};

export type InvoiceTransaction = {
  id: string;
  kind: 'payment' | 'refund';
  provider: string;
  amountMinor: number;
  currency: string;
  status: string;
  reference: string | null;
  createdAt: string;
};

export type CreditNoteRef = {
  id: string;
  invoiceNumber: string | null;
  totalMinor: number;
  issuedAt: string | null;
};

export type InvoiceDetail = Invoice & {
  language: string;
  billTo: InvoiceParty;
  seller: InvoiceParty;
  items: InvoiceItem[];
  /** The customer can pay it now (issued or overdue, not a credit note). */
  payable?: boolean;
  transactions?: InvoiceTransaction[];
  creditNotes?: CreditNoteRef[];
};

export type InvoiceQuery = { status?: InvoiceFilter; page?: number; pageSize?: number };

export type InvoiceSummary = {
  unpaidCount: number;
  overdueCount: number;
  totals: Array<{ currency: string; totalMinor: number }>;
  nextDueAt: string | null;
  firstUnpaidId: string | null;
};

/** `POST /api/invoices/:id/pay`. */
export type InvoicePayment = Payment & { invoice: PaymentInvoice | null };

export type AdminInvoice = Invoice & { userId: string; customerEmail: string };
export type AdminInvoiceQuery = {
  status?: InvoiceStatus | 'unpaid';
  type?: InvoiceType;
  search?: string;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
};

export type CreditNoteRequest = {
  reason: string;
  amountMinor?: number;
  /** Through the gateway that took the payment, or recorded as made elsewhere. */
  refund?: { throughGateway: true } | { provider: string; reference: string };
};

export type AdminService = {
  id: string;
  displayName: string | null;
  name: string | null;
  contaboInstanceId: number;
  userId: string;
  customerEmail: string;
  serviceStatus: ServiceStatus | (string & {});
  expiresAt: string | null;
  suspendedAt: string | null;
  terminatedAt: string | null;
  terminatesAt: string | null;
  autoRenew: boolean;
  cancelAtPeriodEnd: boolean;
  periodMonths: number;
  openInvoiceId: string | null;
};

export type AdminTask = {
  id: string;
  type: string;
  title: string;
  notes: string | null;
  status: string;
  vpsInstanceId: string | null;
  createdAt: string;
  doneAt: string | null;
};

export type JobRun = {
  id: string;
  job: string;
  status: string;
  counts: Record<string, number>;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
};

export type BillingOverview = {
  expiring: AdminService[];
  overdueInvoices: AdminInvoice[];
  suspended: AdminService[];
  pendingTerminations: AdminService[];
  cancellationsDue: AdminService[];
  tasks: AdminTask[];
  jobRuns: JobRun[];
};

export type BillingSettings = {
  invoicePrefix: string;
  taxName: string;
  taxRate: number;
  taxMode: 'inclusive' | 'exclusive';
  /** ISO 3166-1 alpha-2 → rate in percent. */
  taxRatesByCountry: Record<string, number>;
  renewalDaysBefore: number;
  reminderDays: number[];
  suspendAfterDays: number;
  terminateAfterDays: number;
  /** E-mail the customer this many days before a suspended service is terminated. */
  terminationWarningDays: number;
  cancelAtContabo: boolean;
};

// --- Servers (vps module) ---

export type VpsOpenInvoice = {
  id: string;
  invoiceNumber: string | null;
  totalMinor: number;
  currency: string;
  dueAt: string | null;
  status: InvoiceStatus;
};

export type RenewalUpdate = { autoRenew?: boolean; cancelAtPeriodEnd?: boolean };

/** Contabo's instance status as last seen (running, stopped, provisioning, rescue, reset_password, …). */
export type VpsStatus = string;
export type ServiceStatus = 'active' | 'suspended' | 'terminated' | 'cancelled';
export type VpsActionType =
  'start' | 'stop' | 'restart' | 'shutdown' | 'rescue' | 'reset_password' | 'restore';
export type VpsActionStatus = 'requested' | 'accepted' | 'completed' | 'failed';

export type VpsAction = {
  id: string;
  actionType: VpsActionType | (string & {});
  status: VpsActionStatus;
  expectedStatus: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  requestedAt: string;
  acceptedAt: string | null;
  completedAt: string | null;
};

export type Vps = {
  id: string;
  displayName: string | null;
  name: string | null;
  status: VpsStatus;
  serviceStatus: ServiceStatus | (string & {});
  product: { id: string; name: string; contaboProductId: string } | null;
  region: string | null;
  osType: string | null;
  imageName: string | null;
  ipv4: string | null;
  ipv6: string | null;
  gateway: string | null;
  gatewayV6: string | null;
  netmaskCidr: number | null;
  netmaskCidrV6: number | null;
  macAddress: string | null;
  defaultUser: string | null;
  periodMonths: number;
  assignedAt: string | null;
  expiresAt: string | null;
  autoRenew: boolean;
  /** The customer asked to end the service at `expiresAt` (no renewal). */
  cancelAtPeriodEnd: boolean;
  suspendedAt: string | null;
  terminatedAt: string | null;
  /** When a suspended service will be terminated. */
  terminatesAt: string | null;
  /** Its unpaid renewal invoice, if any. */
  openInvoice: VpsOpenInvoice | null;
  hasRootPassword: boolean;
  vnc: { host: string; port: number | null; hasPassword: boolean } | null;
  trafficNote: string | null;
  actionInFlight: VpsAction | null;
  lastSyncedAt: string | null;
  createdAt: string;
};

/** `POST /api/vps/:id/reset-password` with `{ generate: true }` also returns the new password, once. */
export type VpsActionResponse = VpsAction & { generatedPassword?: string };

export type VpsCredentials = { defaultUser: string | null; rootPassword: string | null };

export type Snapshot = {
  id: string;
  name: string;
  description: string | null;
  createdAt: string | null;
  autoDeleteAt: string | null;
};

export type SnapshotQuota = { used?: number; limit?: number; max?: number } | number | null;
export type SnapshotList = List<Snapshot> & { quota?: SnapshotQuota };

export type VpsStatusChange = { fromStatus: string | null; toStatus: string; createdAt: string };

/** One Server-Sent Event of `GET /api/vps/:id/events` (`event: vps`). */
export type VpsEvent = {
  type: 'vps.status' | 'vps.action';
  status?: string;
  actionId?: string;
  actionStatus?: VpsActionStatus;
  at: string;
};

// --- Administration (fulfilment module) ---

export type Customer = { id: string; email: string; name: string };

export type AdminOrder = Order & { customer: Customer; waitingSeconds: number | null };

/** The latest "Crear en Contabo" attempt of an order. */
export type ProvisioningAttempt = {
  status: string;
  displayName: string;
  contaboInstanceId: number | null;
  error: string | null;
  createdAt: string;
  updatedAt: string;
};

export type AdminOrderDetail = OrderDetail & {
  customer: Customer;
  waitingSeconds: number | null;
  vps: Vps | null;
  provisioning: ProvisioningAttempt | null;
};
export type AdminOrderQuery = { status?: OrderStatus; search?: string; page?: number; pageSize?: number };

export type ProvisionRequest = { contaboInstanceId: number; rootPassword?: string } | { mode: 'api' };
export type ProvisionResponse = {
  order: AdminOrderDetail;
  /** Operator notes from the server (English), e.g. a product or region that differs from the order. */
  warnings: string[];
  state: 'completed' | 'provisioning' | 'ambiguous';
};

export type AdminVps = Vps & {
  userId: string;
  ownerEmail: string;
  contaboInstanceId: number;
  orderId: string | null;
};
export type AdminVpsQuery = {
  status?: string;
  serviceStatus?: ServiceStatus;
  search?: string;
  page?: number;
  pageSize?: number;
};
export type AdminVpsUpdate = {
  displayName?: string;
  expiresAt?: string;
  userId?: string;
  serviceStatus?: 'active' | 'suspended';
  autoRenew?: boolean;
  vncHost?: string | null;
  vncPort?: number | null;
  vncPassword?: string | null;
  trafficNote?: string | null;
};

export type ContaboInstance = {
  instanceId: number;
  name: string | null;
  displayName: string | null;
  status: string | null;
  productId: string | null;
  productName: string | null;
  region: string | null;
  ipv4: string | null;
  createdDate: string | null;
  cancelDate: string | null;
  assignment: { vpsId: string; userId: string; email: string; serviceStatus: string } | null;
  orphan: boolean;
};

export type AssignInstanceRequest = {
  contaboInstanceId: number;
  userId: string;
  periodMonths: number;
  rootPassword?: string;
  expiresAt?: string;
};

export type OutboxStatus = 'pending' | 'sent' | 'failed' | 'kept';
export type OutboxItem = {
  id: string;
  userId: string | null;
  to: string;
  subject: string;
  template: string;
  language: string;
  status: OutboxStatus | (string & {});
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
  createdAt: string;
};
export type OutboxQuery = { status?: OutboxStatus; to?: string; page?: number; pageSize?: number };
export type OutboxDetail = OutboxItem & { text: string; html: string };

// --- Administration: catalog (catalog.admin.schemas.ts) and store settings (settings/*.routes.ts) ---

export const ADMIN_DISK_TYPES = ['NVMe', 'SSD', 'HDD'] as const;
export type AdminDiskType = (typeof ADMIN_DISK_TYPES)[number];

/** A period's price rule with what it yields: total, per month, Contabo's cost for the period and the margin. */
export type AdminPrice = {
  periodMonths: number;
  discountPercent: number;
  /** A fixed price for the whole period that replaces the discount. */
  finalPriceMinor: number | null;
  setupFeeMinor: number;
  isActive: boolean;
  totalMinor: number;
  monthlyMinor: number;
  costMinor: number;
  /** Total plus setup fee, less the cost. */
  marginMinor: number;
  marginPercent: number;
};

export type AdminProductRegion = { code: string; surchargeMinor: number };

export type AdminProduct = {
  id: string;
  contaboProductId: string;
  name: string;
  description: string;
  /** Contabo's monthly price and ours, minor units of `currency`. */
  costMinor: number;
  sellingPriceMinor: number;
  currency: string;
  ramMb: number;
  cpuCores: number;
  diskGb: number;
  diskType: string;
  snapshotQuota: number;
  isActive: boolean;
  sortOrder: number;
  regions: AdminProductRegion[];
  prices: AdminPrice[];
  orderCount: number;
};

export type PriceRuleInput = {
  periodMonths: number;
  discountPercent: number;
  finalPriceMinor: number | null;
  costMinor: number;
  setupFeeMinor: number;
  isActive: boolean;
};

/** Body of POST /api/admin/products and PUT /api/admin/products/:id (the PUT replaces prices and regions). */
export type ProductInput = {
  contaboProductId: string;
  name: string;
  description: string;
  costMinor: number;
  sellingPriceMinor: number;
  currency: string;
  ramMb: number;
  cpuCores: number;
  diskGb: number;
  diskType: AdminDiskType;
  snapshotQuota: number;
  isActive: boolean;
  sortOrder: number;
  regions: AdminProductRegion[];
  prices: PriceRuleInput[];
};

/** DELETE answers which one happened: a plan with orders is deactivated instead of deleted. */
export type ProductDeleteResult = { deleted: boolean; deactivated: boolean };

export type AdminImage = {
  id: string;
  /** The display name when there is one, else Contabo's. */
  name: string;
  osType: string;
  version: string;
  description: string;
  contaboImageId: string;
  systemName: string;
  displayName: string | null;
  standardImage: boolean;
  isActive: boolean;
  sortOrder: number;
  syncedAt: string | null;
};

export type ImageUpdate = { isActive?: boolean; displayName?: string | null; sortOrder?: number };
export type ImageSyncResult = { added: number; updated: number; disabled: number; total: number };

export type CompanySettings = {
  name: string;
  legalName: string;
  address: string;
  taxId: string;
  email: string;
  phone: string;
  logoUrl: string;
};

/** Where a gateway's keys come from: the server's environment (wins), the admin's settings, or nowhere. */
export type GatewaySource = 'env' | 'settings' | null;
export type GatewayId = 'stripe' | 'mercadopago' | 'paypal';

export type BankTransferDetails = {
  bankName: string;
  accountHolder: string;
  accountNumber: string;
  swift: string;
  note: string;
};

export type PaymentSettings = {
  stripe: { configured: boolean; source: GatewaySource };
  mercadopago: { configured: boolean; source: GatewaySource; currency: string; exchangeRate: number };
  paypal: { configured: boolean; source: GatewaySource };
  bankTransfer: { enabled: boolean; details: BankTransferDetails };
  /** Test payments are offered while no real gateway is configured. */
  sandbox: boolean;
};

/** Keys go in and never come out; every section is optional. */
export type PaymentSettingsUpdate = {
  stripe?: { secretKey: string; webhookSecret: string };
  mercadopago?: { accessToken?: string; webhookSecret?: string; currency?: string; exchangeRate?: number };
  paypal?: { clientId: string; clientSecret: string; webhookId?: string; mode?: 'sandbox' | 'live' };
  bankTransfer?: { enabled?: boolean; details?: BankTransferDetails };
};
