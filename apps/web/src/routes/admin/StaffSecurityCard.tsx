import { useTranslation } from 'react-i18next';
import { useStaffSecurity, useUpdateStaffSecurity } from '../../api/operations.ts';
import { ApiError } from '../../api/client.ts';
import { CheckboxField } from '../../components/form/fields.tsx';
import { FormError, FormSuccess } from '../../components/form/FormBits.tsx';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/Card.tsx';
import { ErrorState } from '../../components/ui/ErrorState.tsx';
import { Skeleton } from '../../components/ui/Skeleton.tsx';

/** "Require 2FA for staff" (setting `security.requireAdmin2fa`), saved as soon as it is ticked. */
export function StaffSecurityCard() {
  const { t } = useTranslation();
  const security = useStaffSecurity();
  const update = useUpdateStaffSecurity();
  const ownFirst =
    update.error instanceof ApiError &&
    (update.error.details as { reason?: string } | undefined)?.reason === 'own_two_factor_required';
  return (
    <Card aria-labelledby="staff-security-title">
      <CardHeader>
        <CardTitle id="staff-security-title">{t('ops.staff.securityTitle')}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {security.isPending ? (
          <Skeleton className="h-10 w-full" />
        ) : security.error ? (
          <ErrorState error={security.error} onRetry={() => void security.refetch()} />
        ) : (
          <>
            <CheckboxField
              label={t('ops.staff.requireTwoFactor')}
              hint={t('ops.staff.requireTwoFactorHint')}
              checked={security.data.requireTwoFactor}
              disabled={update.isPending}
              onChange={(e) => update.mutate({ requireTwoFactor: e.target.checked })}
            />
            {ownFirst ? (
              <p role="alert" className="text-sm text-red-700 dark:text-red-400">
                {t('ops.staff.ownTwoFactorFirst')}
              </p>
            ) : (
              <FormError error={update.error} />
            )}
            <FormSuccess show={update.isSuccess}>{t('ops.staff.securitySaved')}</FormSuccess>
          </>
        )}
      </CardContent>
    </Card>
  );
}
