import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useInviteStaff, useStaff, useUpdateStaff } from '../../api/operations.ts';
import { SelectField, TextField } from '../../components/form/fields.tsx';
import { FormError, FormSuccess, SubmitButton } from '../../components/form/FormBits.tsx';
import { PageHeader } from '../../components/layout/PageHeader.tsx';
import { Button } from '../../components/ui/Button.tsx';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/Card.tsx';
import { ErrorState } from '../../components/ui/ErrorState.tsx';
import { Skeleton } from '../../components/ui/Skeleton.tsx';
import { StaffRolesCard } from './StaffRolesCard.tsx';
import { StaffSecurityCard } from './StaffSecurityCard.tsx';

/** `/admin/staff`: invite by e-mail, change role, disable; what each role may do. */
export function StaffPage() {
  const { t } = useTranslation();
  const staff = useStaff();
  const invite = useInviteStaff();
  const update = useUpdateStaff();
  const [email, setEmail] = useState('');
  const [firstName, setFirstName] = useState('');
  const [role, setRole] = useState<'admin' | 'support'>('support');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (invite.isPending) return;
    invite.mutate({ email, role, firstName }, { onSuccess: () => setEmail('') });
  };
  return (
    <div className="flex flex-col gap-6">
      <title>{t('ops.staff.title')}</title>
      <PageHeader title={t('ops.staff.title')} subtitle={t('ops.staff.subtitle')} />
      <Card>
        <CardHeader>
          <CardTitle>{t('ops.staff.invite')}</CardTitle>
        </CardHeader>
        <CardContent>
          <form noValidate onSubmit={submit} className="flex flex-col gap-4" data-testid="staff-invite">
            <FormError error={invite.error} />
            <div className="grid gap-4 sm:grid-cols-3">
              <TextField
                label={t('ops.staff.email')}
                type="email"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
              <TextField
                label={t('ops.staff.firstName')}
                optional
                value={firstName}
                onChange={(e) => setFirstName(e.target.value)}
              />
              <SelectField
                label={t('ops.staff.role')}
                value={role}
                onChange={(e) => setRole(e.target.value as 'admin' | 'support')}
              >
                <option value="support">{t('ops.staff.roles.support')}</option>
                <option value="admin">{t('ops.staff.roles.admin')}</option>
              </SelectField>
            </div>
            <FormSuccess show={invite.isSuccess}>{t('ops.staff.invited')}</FormSuccess>
            <SubmitButton className="self-start" pending={invite.isPending} pendingLabel={t('form.saving')}>
              {t('ops.staff.send')}
            </SubmitButton>
          </form>
        </CardContent>
      </Card>
      <FormError error={update.error} />
      {staff.isPending ? (
        <Skeleton className="h-40 w-full" />
      ) : staff.error ? (
        <ErrorState error={staff.error} onRetry={() => void staff.refetch()} />
      ) : (
        <ul className="flex flex-col gap-3" data-testid="staff-list">
          {staff.data.items.map((m) => (
            <li key={m.id}>
              <Card className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center">
                <div className="min-w-0 flex-1">
                  <p className="truncate font-medium">{m.name}</p>
                  <p className="truncate text-sm text-muted-foreground">{m.email}</p>
                  <p className="text-xs text-muted-foreground">
                    {t(`ops.staff.roles.${m.role}`)}
                    {m.disabled ? ` · ${t('ops.staff.disabled')}` : ''}
                    {!m.hasLoggedIn ? ` · ${t('ops.staff.pending')}` : ''}
                    {m.twoFactorEnabled ? ` · 2FA` : ''}
                  </p>
                </div>
                <div className="flex flex-wrap gap-2">
                  <Button
                    variant="outline"
                    size="sm"
                    onClick={() =>
                      update.mutate({ id: m.id, role: m.role === 'admin' ? 'support' : 'admin' })
                    }
                  >
                    {m.role === 'admin' ? t('ops.staff.makeSupport') : t('ops.staff.makeAdmin')}
                  </Button>
                  <Button
                    variant="outline"
                    size="sm"
                    onClick={() => update.mutate({ id: m.id, disabled: !m.disabled })}
                  >
                    {m.disabled ? t('ops.staff.enable') : t('ops.staff.disable')}
                  </Button>
                </div>
              </Card>
            </li>
          ))}
        </ul>
      )}
      <StaffSecurityCard />
      {staff.data && <StaffRolesCard permissions={staff.data.permissions} roles={staff.data.roles} />}
    </div>
  );
}
