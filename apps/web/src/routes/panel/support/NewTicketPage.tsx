import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  TICKET_DEPARTMENTS,
  TICKET_PRIORITIES,
  useCreateTicket,
  type TicketPriority,
} from '../../../api/tickets.ts';
import { useServers } from '../../../api/vps.ts';
import { FormError, SubmitButton } from '../../../components/form/FormBits.tsx';
import { SelectField, TextField } from '../../../components/form/fields.tsx';
import { PageHeader } from '../../../components/layout/PageHeader.tsx';
import { FileDrop, textareaClass } from '../../../components/tickets/ticketBits.tsx';
import { buttonVariants } from '../../../components/ui/Button.tsx';
import { Card, CardContent } from '../../../components/ui/Card.tsx';
import { serverName } from '../../../lib/vps.ts';

const MESSAGE_MAX = 20_000;

/** `/panel/support/new[?vps=<id>]`: a new ticket, optionally about one of the customer's servers. */
export function NewTicketPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const servers = useServers({ pageSize: 100 });
  const create = useCreateTicket();
  const [subject, setSubject] = useState('');
  const [message, setMessage] = useState('');
  const [department, setDepartment] = useState<string>('technical');
  const [priority, setPriority] = useState<TicketPriority>('normal');
  const [vpsId, setVpsId] = useState(params.get('vps') ?? '');
  const [files, setFiles] = useState<File[]>([]);
  const [errors, setErrors] = useState<{ subject?: string; message?: string }>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems = {
      ...(subject.trim() ? {} : { subject: t('tickets.form.subjectRequired') }),
      ...(message.trim() ? {} : { message: t('tickets.form.messageRequired') }),
    };
    setErrors(problems);
    if (Object.keys(problems).length || create.isPending) return;
    create.mutate(
      {
        ticket: { subject: subject.trim(), message, department, priority, ...(vpsId ? { vpsId } : {}) },
        files,
      },
      { onSuccess: (ticket) => void navigate(`/panel/support/${ticket.id}`) },
    );
  };

  return (
    <div className="flex flex-col gap-6">
      <title>{t('tickets.newDocumentTitle')}</title>
      <PageHeader title={t('tickets.newTitle')} subtitle={t('tickets.newSubtitle')} />
      <Card>
        <CardContent className="pt-6">
          <form onSubmit={submit} noValidate className="flex flex-col gap-5" data-testid="new-ticket-form">
            <TextField
              label={t('tickets.form.subject')}
              name="subject"
              maxLength={200}
              value={subject}
              onChange={(e) => setSubject(e.target.value)}
              error={errors.subject}
            />
            <div className="grid gap-5 sm:grid-cols-3">
              <SelectField
                label={t('tickets.form.department')}
                name="department"
                value={department}
                onChange={(e) => setDepartment(e.target.value)}
              >
                {TICKET_DEPARTMENTS.map((d) => (
                  <option key={d} value={d}>
                    {t(`tickets.department.${d}`)}
                  </option>
                ))}
              </SelectField>
              <SelectField
                label={t('tickets.form.priority')}
                name="priority"
                value={priority}
                onChange={(e) => setPriority(e.target.value as TicketPriority)}
              >
                {TICKET_PRIORITIES.map((p) => (
                  <option key={p} value={p}>
                    {t(`tickets.priority.${p}`)}
                  </option>
                ))}
              </SelectField>
              <SelectField
                label={t('tickets.form.server')}
                name="vpsId"
                optional
                value={vpsId}
                onChange={(e) => setVpsId(e.target.value)}
              >
                <option value="">{t('tickets.form.noServer')}</option>
                {servers.data?.items.map((vps) => (
                  <option key={vps.id} value={vps.id}>
                    {serverName(vps)}
                    {vps.ipv4 ? ` (${vps.ipv4})` : ''}
                  </option>
                ))}
              </SelectField>
            </div>
            <div className="flex flex-col gap-1.5">
              <label htmlFor="ticket-message" className="text-sm font-medium">
                {t('tickets.form.message')}
              </label>
              <textarea
                id="ticket-message"
                name="message"
                rows={8}
                maxLength={MESSAGE_MAX}
                className={textareaClass}
                value={message}
                aria-invalid={errors.message ? true : undefined}
                aria-describedby={errors.message ? 'ticket-message-error' : undefined}
                onChange={(e) => setMessage(e.target.value)}
              />
              {errors.message && (
                <p id="ticket-message-error" className="text-sm text-red-700 dark:text-red-400">
                  {errors.message}
                </p>
              )}
            </div>
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
