import { zodResolver } from '@hookform/resolvers/zod';
import { Link2 } from 'lucide-react';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useInstances } from '../../../api/admin.ts';
import { ApiError } from '../../../api/client.ts';
import { TextField } from '../../../components/form/fields.tsx';
import { FormError, SubmitButton } from '../../../components/form/FormBits.tsx';
import { applyApiError, optionalText } from '../../../components/form/validation.ts';
import { ErrorState } from '../../../components/ui/ErrorState.tsx';
import { Skeleton } from '../../../components/ui/Skeleton.tsx';
import { toast } from '../../../components/ui/Toast.tsx';
import {
  differencesOf,
  HandoverChecklist,
  MismatchDialog,
  type AssignmentDifference,
} from '../AssignMismatch.tsx';
import { InstanceOption } from './InstanceOption.tsx';
import { freeInstancesFor, sentViaApi } from './orderRules.ts';
import type { ProvisionCardProps } from './provision.ts';
import { OrderCard } from './OrderCard.tsx';
import { RootPasswordField } from '../adminBits.tsx';

const assignSchema = z.object({
  instanceId: z
    .string()
    .trim()
    .min(1, 'validation.required')
    .regex(/^\d{1,15}$/, 'validation.instanceId'),
  rootPassword: optionalText(200),
});
type AssignValues = z.infer<typeof assignSchema>;
type AssignBody = { contaboInstanceId: number; rootPassword?: string; confirmMismatch?: boolean };

/** (a) Assign an instance that already exists in the Contabo account. */
export function AssignCard({ order, provision, onResult }: ProvisionCardProps) {
  const { t } = useTranslation();
  const instances = useInstances(false);
  const form = useForm<AssignValues>({
    resolver: zodResolver(assignSchema),
    defaultValues: { instanceId: '', rootPassword: '' },
  });
  const selected = form.watch('instanceId');
  const legendId = useId();
  const [mismatch, setMismatch] = useState<{
    body: { contaboInstanceId: number; rootPassword?: string };
    differences: AssignmentDifference[];
  } | null>(null);
  const send = (body: AssignBody) =>
    provision.mutate(body, {
      onSuccess: (result) => {
        setMismatch(null);
        onResult(result);
        toast.success(t('admin.order.assigned', { number: order.orderNumber }));
      },
      onError: (error) => {
        const differences =
          error instanceof ApiError && error.code === 'assignment_mismatch' && differencesOf(error.details);
        if (differences) {
          // The dialog names the differences; the admin confirms or picks another instance.
          setMismatch({ body, differences });
          provision.reset();
          return;
        }
        setMismatch(null);
        if (
          applyApiError(error, form.setError, ['rootPassword'], {
            not_found: { field: 'instanceId', message: 'validation.instanceUnknown' },
            conflict: { field: 'instanceId', message: 'validation.instanceTaken' },
          })
        )
          provision.reset();
      },
    });
  const available = freeInstancesFor(instances.data?.items ?? [], order);

  return (
    <OrderCard
      title={t('admin.order.assignTitle')}
      icon={Link2}
      text={t('admin.order.assignText')}
      testId="assign-card"
    >
      <form
        noValidate
        className="flex flex-col gap-4"
        onSubmit={form.handleSubmit((values) => {
          if (provision.isPending) return;
          send({
            contaboInstanceId: Number(values.instanceId),
            ...(values.rootPassword ? { rootPassword: values.rootPassword } : {}),
          });
        })}
      >
        {provision.error && !sentViaApi(provision.variables) && <FormError error={provision.error} />}
        <fieldset className="flex flex-col gap-2" aria-labelledby={legendId}>
          <legend id={legendId} className="mb-1 text-sm font-medium">
            {t('admin.order.unassigned')}
          </legend>
          {instances.isPending ? (
            <Skeleton className="h-24 w-full" />
          ) : instances.error ? (
            <ErrorState error={instances.error} onRetry={() => void instances.refetch()} className="py-6" />
          ) : available.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t('admin.order.noUnassigned')}</p>
          ) : (
            <ul className="flex max-h-80 flex-col gap-2 overflow-y-auto" data-testid="unassigned-instances">
              {available.map((item) => (
                <li key={item.instanceId}>
                  <InstanceOption
                    item={item}
                    order={order}
                    checked={selected === String(item.instanceId)}
                    onSelect={() =>
                      form.setValue('instanceId', String(item.instanceId), { shouldValidate: true })
                    }
                  />
                </li>
              ))}
            </ul>
          )}
        </fieldset>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label={t('admin.order.instanceId')}
            hint={t('admin.order.instanceIdHint')}
            inputMode="numeric"
            autoComplete="off"
            error={form.formState.errors.instanceId?.message}
            {...form.register('instanceId')}
          />
          <RootPasswordField
            error={form.formState.errors.rootPassword?.message}
            {...form.register('rootPassword')}
          />
        </div>
        <HandoverChecklist order={order} />
        <SubmitButton className="self-start" pending={provision.isPending}>
          {t('admin.order.assign')}
        </SubmitButton>
      </form>
      {mismatch && (
        <MismatchDialog
          instanceId={mismatch.body.contaboInstanceId}
          differences={mismatch.differences}
          planNames={Object.fromEntries([
            [order.product.contaboProductId, order.product.name],
            ...available.flatMap((i) => (i.productId && i.productName ? [[i.productId, i.productName]] : [])),
          ])}
          pending={provision.isPending}
          onClose={() => setMismatch(null)}
          onConfirm={() => {
            if (!provision.isPending) send({ ...mismatch.body, confirmMismatch: true });
          }}
        />
      )}
    </OrderCard>
  );
}
