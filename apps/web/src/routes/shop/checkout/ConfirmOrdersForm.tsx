import { useQueryClient } from '@tanstack/react-query';
import { AlertCircle } from 'lucide-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.ts';
import { legalKeys } from '../../../api/legal.ts';
import type { CreateOrdersResponse } from '../../../api/models.ts';
import { useCreateOrders } from '../../../api/orders.ts';
import { sessionKeys } from '../../../api/session.ts';
import { FormError, SubmitButton, submitHandler } from '../../../components/form/FormBits.tsx';
import { LegalAcceptance, type LegalAccepted } from '../../../components/legal/LegalAcceptance.tsx';
import { clearCart, type CartItem } from '../../../lib/cart.ts';
import { applyServerErrors, clearServerErrors, toRequest } from '../cartRules.ts';

/** The review step's form: accept the terms, then create the orders (POST /api/orders) from the cart. */
export function ConfirmOrdersForm({
  items,
  localProblems,
  pending,
  onCreated,
}: {
  items: CartItem[];
  /** Some line breaks a rule the browser checks: the button stays disabled. */
  localProblems: boolean;
  /** The plans are still loading. */
  pending: boolean;
  onCreated: (response: CreateOrdersResponse) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const create = useCreateOrders();
  const [fieldProblems, setFieldProblems] = useState(false);
  const [legal, setLegal] = useState<LegalAccepted | null>(null);
  const [legalError, setLegalError] = useState<string | undefined>();
  const sending = useRef(false);

  return (
    <form
      noValidate
      className="flex flex-col gap-3"
      onSubmit={submitHandler(() => {
        if (create.isPending || sending.current || localProblems || pending) return;
        if (!legal) {
          setLegalError('errors.codes.legal_acceptance_required');
          return;
        }
        sending.current = true;
        setFieldProblems(false);
        clearServerErrors();
        create.mutate(
          { items: items.map(toRequest), legalAccepted: legal },
          {
            onSuccess: (response) => {
              clearCart();
              onCreated(response);
            },
            onError: (error) => {
              sending.current = false;
              if (applyServerErrors(error, items)) {
                setFieldProblems(true);
                create.reset();
              } else if (error instanceof ApiError && error.code === 'email_not_verified') {
                void queryClient.invalidateQueries({ queryKey: sessionKeys.me });
              } else if (error instanceof ApiError && error.code.startsWith('legal_')) {
                // The documents changed while the page was open: show the new versions and ask again.
                setLegal(null);
                void queryClient.invalidateQueries({ queryKey: legalKeys.versions });
              }
            },
          },
        );
      })}
    >
      {fieldProblems && <ProblemAlert text={t('checkout.fieldProblems')} />}
      {localProblems && !fieldProblems && <ProblemAlert text={t('cart.invalid')} />}
      {create.error && <FormError error={create.error} />}
      <LegalAcceptance
        documents={['terms', 'refunds']}
        checked={legal !== null}
        error={legalError}
        onChange={(accepted) => {
          setLegal(accepted);
          if (accepted) setLegalError(undefined);
        }}
      />
      <SubmitButton
        size="lg"
        pending={create.isPending}
        pendingLabel={t('checkout.confirming')}
        disabled={localProblems || pending}
      >
        {t('checkout.confirm')}
      </SubmitButton>
      <p className="text-xs text-muted-foreground">{t('checkout.confirmNote')}</p>
    </form>
  );
}

function ProblemAlert({ text }: { text: string }) {
  return (
    <p role="alert" className="flex items-start gap-1.5 text-sm text-red-700 dark:text-red-300">
      <AlertCircle aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      {text}
    </p>
  );
}
