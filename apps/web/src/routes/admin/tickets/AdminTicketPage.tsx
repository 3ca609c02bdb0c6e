import { zodResolver } from '@hookform/resolvers/zod';
import { Lock } from 'lucide-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import {
  attachmentUrl,
  renderCanned,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  useAdminTicket,
  useCannedResponses,
  useStaffTicketActions,
  useTicketDepartments,
  type AdminTicketDetail,
  type StaffTicketMessage,
} from '../../../api/tickets.ts';
import { FormError } from '../../../components/form/FormBits.tsx';
import { TicketPageFrame } from '../../../components/tickets/TicketPageFrame.tsx';
import { CheckboxField, SelectField } from '../../../components/form/fields.tsx';
import { DetailHeader } from '../../../components/layout/PageHeader.tsx';
import { MessageField, ReplyActions, useReplySend } from '../../../components/tickets/ReplyBits.tsx';
import { MessageCard, TicketStatusBadge, textareaClass } from '../../../components/tickets/ticketBits.tsx';
import { staffReplySchema } from '../../../components/tickets/replySchema.ts';
import { Card, CardContent, CardHeader, CardTitle } from '../../../components/ui/Card.tsx';
import { cn } from '../../../lib/cn.ts';
import { useFormat } from '../../../lib/format.ts';

/** `/admin/tickets/:id`: thread with internal notes, reply box with canned responses, controls, customer context. */
export function AdminTicketPage() {
  const { t } = useTranslation();
  return (
    <TicketPageFrame
      back="/admin/tickets"
      backLabel={t('tickets.admin.back')}
      useTicket={useAdminTicket}
      skeletons={['h-40']}
    >
      {(data) => <StaffTicketView ticket={data} />}
    </TicketPageFrame>
  );
}

function StaffTicketView({ ticket }: { ticket: AdminTicketDetail }) {
  const { t } = useTranslation();
  return (
    <>
      <title>{`${ticket.number} · ${ticket.subject}`}</title>
      <DetailHeader
        title={ticket.subject}
        subtitle={
          <>
            <span className="font-mono">{ticket.number}</span> · {ticket.customer.name} (
            {ticket.customer.email})
          </>
        }
        aside={
          <span aria-live="polite">
            <TicketStatusBadge status={ticket.status} staff />
          </span>
        }
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <div className="flex min-w-0 flex-col gap-4">
          <ol className="flex flex-col gap-4" aria-label={t('tickets.conversation')} data-testid="thread">
            {ticket.messages.map((m) => (
              <StaffMessage key={m.id} message={m} ticketId={ticket.id} />
            ))}
          </ol>
          <StaffReplyBox ticket={ticket} />
        </div>
        <aside className="flex flex-col gap-4" aria-label={t('tickets.admin.context')}>
          <Controls ticket={ticket} />
          <CustomerContext ticket={ticket} />
        </aside>
      </div>
    </>
  );
}

function StaffMessage({ message, ticketId }: { message: StaffTicketMessage; ticketId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const staff = message.author === 'staff';
  return (
    <li data-testid="message" data-author={message.author} data-internal={message.internal}>
      <MessageCard
        message={message}
        className={cn(
          'rounded-xl border px-4 py-3',
          message.internal
            ? 'border-amber-300 bg-amber-50 dark:border-amber-700 dark:bg-amber-950'
            : staff
              ? 'border-primary/30 bg-accent'
              : 'border-border bg-card',
        )}
        before={
          message.internal && (
            <span className="inline-flex items-center gap-1 font-semibold text-amber-900 dark:text-amber-200">
              <Lock aria-hidden="true" className="size-3" />
              {t('tickets.admin.internalNote')}
            </span>
          )
        }
        author={message.authorName || t('tickets.admin.system')}
        after={message.source === 'email' && <span>{t('tickets.admin.byEmail')}</span>}
        href={(a) => attachmentUrl(ticketId, a.id, true)}
      >
        {message.revisions.length > 0 && (
          <details className="mt-2 text-xs text-muted-foreground">
            <summary className="cursor-pointer">
              {t('tickets.admin.history', { count: message.revisions.length })}
            </summary>
            <ul className="mt-1 flex flex-col gap-1">
              {message.revisions.map((r, i) => (
                <li key={i} className="whitespace-pre-wrap">
                  <time dateTime={r.editedAt}>{format.dateTime(r.editedAt)}</time>: {r.previousBody}
                </li>
              ))}
            </ul>
          </details>
        )}
      </MessageCard>
    </li>
  );
}

function StaffReplyBox({ ticket }: { ticket: AdminTicketDetail }) {
  const { t } = useTranslation();
  const { reply } = useStaffTicketActions(ticket.id);
  const canned = useCannedResponses();
  const [inserting, setInserting] = useState(false);
  const [insertError, setInsertError] = useState<unknown>(null);
  const form = useForm<z.infer<typeof staffReplySchema>>({
    resolver: zodResolver(staffReplySchema),
    defaultValues: { message: '', internal: false },
  });
  const { files, setFiles, send } = useReplySend(reply, () => form.reset({ message: '', internal: false }));
  const text = form.watch('message');
  const internal = form.watch('internal');
  const insert = async (cannedId: string) => {
    if (!cannedId) return;
    setInserting(true);
    setInsertError(null);
    try {
      // Rendered by the API with this ticket's variables, then added after what is already written.
      const { body } = await renderCanned(cannedId, ticket.id);
      const current = form.getValues('message');
      form.setValue('message', current.trim() ? `${current}\n\n${body}` : body, {
        shouldDirty: true,
        shouldValidate: true,
      });
    } catch (error) {
      setInsertError(error);
    } finally {
      setInserting(false);
    }
  };
  return (
    <Card className={cn(internal && 'border-amber-300 dark:border-amber-700')}>
      <CardContent className="pt-6">
        <form
          onSubmit={form.handleSubmit(send)}
          noValidate
          className="flex flex-col gap-3"
          data-testid="staff-reply-form"
        >
          <SelectField
            label={t('tickets.admin.canned')}
            value=""
            disabled={inserting || !canned.data?.length}
            onChange={(e) => void insert(e.target.value)}
            data-testid="canned-picker"
          >
            <option value="">
              {canned.data?.length ? t('tickets.admin.cannedPick') : t('tickets.admin.cannedNone')}
            </option>
            {canned.data?.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </SelectField>
          <MessageField
            id="staff-reply"
            label={internal ? t('tickets.admin.noteLabel') : t('tickets.admin.replyLabel')}
            rows={6}
            className={cn(textareaClass, internal && 'bg-amber-50 dark:bg-amber-950')}
            error={form.formState.errors.message?.message}
            {...form.register('message')}
          />
          <CheckboxField
            label={t('tickets.admin.internalToggle')}
            hint={t('tickets.admin.internalHint')}
            {...form.register('internal')}
          />
          <ReplyActions
            files={files}
            onFiles={setFiles}
            error={insertError ?? reply.error}
            pending={reply.isPending}
            blank={!text.trim()}
          >
            {internal ? t('tickets.admin.saveNote') : t('tickets.admin.sendReply')}
          </ReplyActions>
        </form>
      </CardContent>
    </Card>
  );
}

function Controls({ ticket }: { ticket: AdminTicketDetail }) {
  const { t } = useTranslation();
  const { update } = useStaffTicketActions(ticket.id);
  const departments = useTicketDepartments();
  return (
    <Card>
      <CardContent className="flex flex-col gap-4 pt-6">
        <SelectField
          label={t('tickets.colStatus')}
          value={ticket.status}
          disabled={update.isPending}
          onChange={(e) => update.mutate({ status: e.target.value })}
          data-testid="status-control"
        >
          {TICKET_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`tickets.staffStatus.${s}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('tickets.form.priority')}
          value={ticket.priority}
          disabled={update.isPending}
          onChange={(e) => update.mutate({ priority: e.target.value })}
        >
          {TICKET_PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {t(`tickets.priority.${p}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('tickets.form.department')}
          value={ticket.department}
          disabled={update.isPending || !departments.data}
          onChange={(e) => update.mutate({ department: e.target.value })}
        >
          {/* A department removed from the setting still shows on its old tickets. */}
          {[...new Set([ticket.department, ...(departments.data ?? [])])].map((d) => (
            <option key={d} value={d}>
              {t(`tickets.department.${d}`, d)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('tickets.admin.assignee')}
          value={ticket.assignee?.id ?? ''}
          disabled={update.isPending}
          onChange={(e) => update.mutate({ assigneeId: e.target.value || null })}
        >
          <option value="">{t('tickets.admin.unassigned')}</option>
          {ticket.staff.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectField>
        <FormError error={update.error} />
      </CardContent>
    </Card>
  );
}

function CustomerContext({ ticket }: { ticket: AdminTicketDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const unpaid = ticket.invoices.filter((i) => i.status === 'issued' || i.status === 'overdue');
  return (
    <Card data-testid="customer-context">
      <CardHeader>
        <CardTitle className="text-base">{ticket.customer.name}</CardTitle>
        <p className="text-xs break-all text-muted-foreground">{ticket.customer.email}</p>
      </CardHeader>
      <CardContent className="flex flex-col gap-4 text-sm">
        <section>
          <h2 className="mb-1 font-semibold">{t('tickets.admin.services')}</h2>
          {ticket.services.length === 0 ? (
            <p className="text-muted-foreground">{t('tickets.admin.noServices')}</p>
          ) : (
            <ul className="flex flex-col gap-1">
              {ticket.services.map((s) => (
                <li key={s.id} className={cn(s.id === ticket.vpsId && 'font-semibold')}>
                  {s.name}{' '}
                  <span className="text-muted-foreground">
                    {s.ipAddress ?? ''} · {s.status}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section>
          <h2 className="mb-1 font-semibold">{t('tickets.admin.unpaid')}</h2>
          {unpaid.length === 0 ? (
            <p className="text-muted-foreground">{t('tickets.admin.noUnpaid')}</p>
          ) : (
            <ul className="flex flex-col gap-1">
              {unpaid.map((i) => (
                <li key={i.id}>
                  <span className="font-mono text-xs">{i.number}</span>{' '}
                  {format.money(i.totalMinor, i.currency)}
                </li>
              ))}
            </ul>
          )}
        </section>
        {ticket.vpsId && (
          <section>
            <h2 className="mb-1 font-semibold">{t('tickets.admin.recentActions')}</h2>
            {ticket.vpsActions.length === 0 ? (
              <p className="text-muted-foreground">{t('tickets.admin.noActions')}</p>
            ) : (
              <ul className="flex flex-col gap-1">
                {ticket.vpsActions.map((a) => (
                  <li key={a.id}>
                    {a.actionType} · {a.status}{' '}
                    <time dateTime={a.requestedAt} className="text-muted-foreground">
                      {format.relative(a.requestedAt)}
                    </time>
                  </li>
                ))}
              </ul>
            )}
          </section>
        )}
      </CardContent>
    </Card>
  );
}
