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
