import { CloudCog, ShoppingCart } from 'lucide-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/form/FormBits.tsx';
import { Button } from '../../../components/ui/Button.tsx';
import { Dialog } from '../../../components/ui/Dialog.tsx';
import { useFormat } from '../../../lib/format.ts';
import { sentViaApi } from './orderRules.ts';
import type { ProvisionCardProps } from './provision.ts';
import { ConfirmFooter } from '../../../components/form/ConfirmFooter.tsx';
import { OrderCard } from './OrderCard.tsx';

/** (b) Buy the server through Contabo's API: confirmed in a dialog, never sent twice. */
export function CreateCard({ order, provision, onResult }: ProvisionCardProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const [open, setOpen] = useState(false);
  const sent = useRef(false);
  const busy = provision.isPending || order.provisioning?.status === 'creating';
  return (
    <OrderCard
      title={t('admin.order.createTitle')}
      icon={CloudCog}
      text={t('admin.order.createText')}
      testId="create-card"
      after={
        <Dialog
          open={open}
          onClose={() => {
            provision.reset();
            setOpen(false);
          }}
          busy={provision.isPending}
          title={t('admin.order.createConfirmTitle', { number: order.orderNumber })}
          description={t('admin.order.createConfirmText', {
            plan: order.product.name,
            region: order.region,
            period: t('period.months', { count: order.periodMonths }),
            total: format.money(order.totalMinor, order.currency),
          })}
          footer={
            <ConfirmFooter
              onCancel={() => setOpen(false)}
              onConfirm={() => {
                if (sent.current) return;
                sent.current = true;
                provision.mutate(
                  { mode: 'api' },
                  {
                    onSuccess: (result) => {
                      setOpen(false);
                      onResult(result);
                    },
                    onSettled: () => {
                      sent.current = false;
                    },
                  },
                );
              }}
              pending={provision.isPending}
              pendingLabel={t('admin.order.creating')}
            >
              {t('admin.order.createConfirm')}
            </ConfirmFooter>
          }
        >
          {provision.error && sentViaApi(provision.variables) && <FormError error={provision.error} />}
        </Dialog>
      }
    >
      <Button variant="outline" disabled={busy} onClick={() => setOpen(true)}>
        <ShoppingCart aria-hidden="true" />
        {t('admin.order.create')}
      </Button>
    </OrderCard>
  );
}
