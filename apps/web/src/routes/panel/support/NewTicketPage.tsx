import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { z } from 'zod';
import { TICKET_PRIORITIES, useCreateTicket, useTicketDepartments } from '../../../api/tickets.ts';
import { useServers } from '../../../api/vps.ts';
import { FormError, SubmitButton } from '../../../components/form/FormBits.tsx';
import { SelectField, TextareaField, TextField } from '../../../components/form/fields.tsx';
import { requiredText, submitToMutation } from '../../../components/form/validation.ts';
import { PageHeader } from '../../../components/layout/PageHeader.tsx';
import { FileDrop } from '../../../components/tickets/ticketBits.tsx';
import { buttonVariants } from '../../../components/ui/Button.tsx';
import { Card, CardContent } from '../../../components/ui/Card.tsx';
import { serverName } from '../../../lib/vps.ts';

const MESSAGE_MAX = 20_000;

/** The API's rules (tickets.schemas.ts ZCreateTicket); the department list comes from the settings registry. */
const schema = z.object({
  subject: requiredText(200),
  message: z
    .string()
    .max(MESSAGE_MAX, 'validation.tooLong')
    .refine((v) => v.trim().length > 0, 'validation.required'),
  department: z.string(),
  priority: z.enum(TICKET_PRIORITIES),
  vpsId: z.string(),
});
type NewTicketForm = z.infer<typeof schema>;
const FIELDS = ['subject', 'message', 'department', 'priority', 'vpsId'] as const;

/** `/panel/support/new[?vps=<id>]`: a new ticket, optionally about one of the customer's servers. */
export function NewTicketPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const servers = useServers({ pageSize: 100 });
  const departments = useTicketDepartments();
  const create = useCreateTicket();
  const [files, setFiles] = useState<File[]>([]);
  const form = useForm<NewTicketForm>({
    resolver: zodResolver(schema),
    defaultValues: {
      subject: '',
      message: '',
      department: '',
      priority: 'normal',
      vpsId: params.get('vps') ?? '',
    },
  });
  const { errors } = form.formState;
  const preset = params.get('vps') ?? '';
  const serversLoaded = Boolean(servers.data);
  useEffect(() => {
    // The select has no options until the servers arrive; set the linked server again once they are there.
    if (serversLoaded && preset) form.setValue('vpsId', preset);
  }, [serversLoaded, preset, form]);
  const firstDepartment = departments.data?.[0];
  useEffect(() => {
    // The first department of the setting is the default, once the list arrives.
    if (firstDepartment && !form.getValues('department')) form.setValue('department', firstDepartment);
  }, [firstDepartment, form]);

  const submit = submitToMutation(form, create, {
    input: ({ vpsId, department, ...values }) => ({
      ticket: { ...values, ...(department ? { department } : {}), ...(vpsId ? { vpsId } : {}) },
      files,
    }),
    onSuccess: (ticket) => void navigate(`/panel/support/${ticket.id}`),
    fields: FIELDS,
  });

  return (
    <div className="flex flex-col gap-6">
      <title>{t('tickets.newDocumentTitle')}</title>
      <PageHeader title={t('tickets.newTitle')} subtitle={t('tickets.newSubtitle')} />
      <Card>
        <CardContent className="pt-6">
          <form onSubmit={submit} noValidate className="flex flex-col gap-5" data-testid="new-ticket-form">
            <TextField
              label={t('tickets.form.subject')}
              maxLength={200}
              error={errors.subject?.message}
              {...form.register('subject')}
            />
            <div className="grid gap-5 sm:grid-cols-3">
              <SelectField
                label={t('tickets.form.department')}
                disabled={!departments.data}
                {...form.register('department')}
              >
                {departments.data?.map((d) => (
                  <option key={d} value={d}>
                    {t(`tickets.department.${d}`, d)}
                  </option>
                ))}
              </SelectField>
              <SelectField label={t('tickets.form.priority')} {...form.register('priority')}>
                {TICKET_PRIORITIES.map((p) => (
                  <option key={p} value={p}>
                    {t(`tickets.priority.${p}`)}
                  </option>
                ))}
              </SelectField>
              <SelectField label={t('tickets.form.server')} optional {...form.register('vpsId')}>
                <option value="">{t('tickets.form.noServer')}</option>
                {servers.data?.items.map((vps) => (
                  <option key={vps.id} value={vps.id}>
                    {serverName(vps)}
                    {vps.ipv4 ? ` (${vps.ipv4})` : ''}
                  </option>
                ))}
              </SelectField>
            </div>
            <TextareaField
              id="ticket-message"
              label={t('tickets.form.message')}
              rows={8}
              maxLength={MESSAGE_MAX}
              className="[&_textarea]:font-sans [&_textarea]:break-normal"
              error={errors.message?.message}
              {...form.register('message')}
            />
            <FileDrop files={files} onChange={setFiles} />
            <FormError error={create.error} />
            <div className="flex flex-wrap justify-end gap-3">
              <Link to="/panel/support" className={buttonVariants({ variant: 'outline' })}>
                {t('tickets.cancel')}
              </Link>
              <SubmitButton pending={create.isPending} pendingLabel={t('tickets.sending')}>
                {t('tickets.form.submit')}
              </SubmitButton>
            </div>
          </form>
        </CardContent>
      </Card>
    </div>
  );
}
