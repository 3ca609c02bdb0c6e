import { Cpu, HardDrive, MemoryStick } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { Product } from '../../api/models.ts';
import { useFormat } from '../../lib/format.ts';
import { cn } from '../../lib/cn.ts';

export function PlanSpecs({ product, className }: { product: Product; className?: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <ul className={cn('flex flex-col gap-2 text-sm', className)}>
      <li className="flex items-center gap-2">
        <Cpu aria-hidden="true" className="size-4 text-muted-foreground" />
        {t('plan.cpu', { count: product.cpuCores })}
      </li>
      <li className="flex items-center gap-2">
        <MemoryStick aria-hidden="true" className="size-4 text-muted-foreground" />
        {t('plan.ram', { value: format.gb(product.ramMb) })}
      </li>
      <li className="flex items-center gap-2">
        <HardDrive aria-hidden="true" className="size-4 text-muted-foreground" />
        {t('plan.disk', { value: format.number(product.diskGb), type: product.diskType })}
      </li>
    </ul>
  );
}
