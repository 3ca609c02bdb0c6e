import { Check } from 'lucide-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCustomers } from '../../api/admin.ts';
import type { Customer } from '../../api/models.ts';
import { FieldError } from '../../components/form/fields.tsx';
import { Skeleton } from '../../components/ui/Skeleton.tsx';
import { cn } from '../../lib/cn.ts';
import { SearchBox } from '../../components/list/filters.tsx';

/** Finds a customer by e-mail (`GET /api/admin/customers?search=`) and picks one. */
export function CustomerPicker({
  value,
  onChange,
  error,
}: {
  value: Customer | null;
  onChange: (customer: Customer) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const customers = useCustomers(search);
  const legendId = useId();
  const errorId = useId();
  return (
    <div className="flex flex-col gap-2">
      <SearchBox
        label={t('admin.customers.search')}
        placeholder={t('admin.customers.searchPlaceholder')}
        value={search}
        onChange={setSearch}
      />
      <div role="radiogroup" aria-labelledby={legendId} aria-describedby={error ? errorId : undefined}>
        <p id={legendId} className="sr-only">
          {t('admin.customers.results')}
        </p>
        {search.length < 2 ? (
          <p className="text-xs text-muted-foreground">{t('admin.customers.hint')}</p>
        ) : customers.isPending ? (
          <Skeleton className="h-20 w-full" />
        ) : customers.data?.items.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t('admin.customers.none')}</p>
        ) : (
          <ul className="flex max-h-48 flex-col gap-1 overflow-y-auto" data-testid="customer-results">
            {customers.data?.items.map((customer) => {
              const checked = value?.id === customer.id;
              return (
                <li key={customer.id}>
                  <button
                    type="button"
                    role="radio"
                    aria-checked={checked}
                    onClick={() => onChange(customer)}
                    className={cn(
                      'flex min-h-10 w-full items-center gap-3 rounded-lg border px-3 py-2 text-left text-sm',
                      'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring',
                      checked ? 'border-primary bg-accent/50' : 'border-border hover:bg-muted/50',
                    )}
                  >
                    <span className="min-w-0 flex-1">
                      <span className="block truncate font-medium">{customer.email}</span>
                      <span className="block truncate text-xs text-muted-foreground">{customer.name}</span>
                    </span>
                    {checked && <Check aria-hidden="true" className="size-4 shrink-0 text-primary" />}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </div>
      {value && (
        <p className="text-sm" data-testid="picked-customer">
          {t('admin.customers.picked', { email: value.email })}
        </p>
      )}
      <FieldError id={errorId} message={error} />
    </div>
  );
}
