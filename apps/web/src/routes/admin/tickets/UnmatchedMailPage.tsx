import { zodResolver } from '@hookform/resolvers/zod';
import { Inbox, Link2, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { z } from 'zod';
import { useAdminTickets } from '../../../api/tickets.ts';
import { useUnmatchedMail, useUnmatchedMailActions, type UnmatchedMail } from '../../../api/ticketsAdmin.ts';
import { ConfirmDialog, FormDialog } from '../../../components/form/FormDialog.tsx';
import { FieldError, SelectField, TextField } from '../../../components/form/fields.tsx';
import { PagedList } from '../../../components/list/ListState.tsx';
import { Badge } from '../../../components/ui/Badge.tsx';
import { Button } from '../../../components/ui/Button.tsx';
import { Card, CardContent } from '../../../components/ui/Card.tsx';
import { EmptyState } from '../../../components/ui/EmptyState.tsx';
import { toast } from '../../../components/ui/Toast.tsx';
import { useFormat } from '../../../lib/format.ts';
import { TicketsSubpage } from './TicketsSubpage.tsx';

const PAGE_SIZE = 20;

type Acting = { mode: 'assign' | 'discard'; mail: UnmatchedMail };

/**
 * `/admin/tickets/unmatched`: inbound e-mail that became no ticket message (unsigned or forged reply address, unknown
 * sender, refused attachment). Staff reads each one and puts it on a ticket or discards it; nothing is dropped unseen.
 */
export function UnmatchedMailPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const mail = useUnmatchedMail(page, PAGE_SIZE);
  const [acting, setActing] = useState<Acting | null>(null);
  return (
    <TicketsSubpage
      documentTitle={t('tickets.unmatched.documentTitle')}
      title={t('tickets.unmatched.title')}
      subtitle={t('tickets.unmatched.subtitle')}
    >
      <PagedList
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        query={mail}
        skeleton={{ rows: 3, height: 'h-32' }}
        empty={
          <EmptyState
            icon={Inbox}
            title={t('tickets.unmatched.emptyTitle')}
            description={t('tickets.unmatched.emptyText')}
          />
        }
      >
        {(items) => (
          <ul className="flex flex-col gap-3">
            {items.map((m) => (
              <li key={m.id}>
                <MailCard
                  mail={m}
                  onAssign={() => setActing({ mode: 'assign', mail: m })}
                  onDiscard={() => setActing({ mode: 'discard', mail: m })}
                />
              </li>
            ))}
          </ul>
        )}
      </PagedList>
      {acting?.mode === 'assign' && <AssignDialog mail={acting.mail} onClose={() => setActing(null)} />}
      {acting?.mode === 'discard' && <DiscardDialog mail={acting.mail} onClose={() => setActing(null)} />}
    </TicketsSubpage>
  );
}

function MailCard({
  mail,
  onAssign,
  onDiscard,
}: {
  mail: UnmatchedMail;
  onAssign: () => void;
  onDiscard: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Card data-testid="unmatched-card">
      <CardContent className="flex flex-col gap-3 pt-5">
        <div className="flex flex-wrap items-start justify-between gap-2">
          <div className="min-w-0">
            <p className="font-semibold break-words">{mail.subject || t('tickets.unmatched.noSubject')}</p>
            <p className="text-sm break-all text-muted-foreground">
              {t('tickets.unmatched.from', { from: mail.fromAddress })} ·{' '}
              <time dateTime={mail.receivedAt}>{format.relative(mail.receivedAt)}</time>
            </p>
            <p className="text-xs break-all text-muted-foreground">
              {t('tickets.unmatched.to', { to: mail.toAddress })}
            </p>
          </div>
          <Badge tone="warning">{t(`tickets.unmatched.reason.${mail.reason}`, mail.reason)}</Badge>
        </div>
        <details className="rounded-lg border border-border bg-muted/40 p-3 text-sm">
          <summary className="cursor-pointer font-medium">{t('tickets.unmatched.read')}</summary>
          <p className="mt-2 break-words whitespace-pre-line">{mail.body || t('tickets.unmatched.noBody')}</p>
        </details>
        <div className="flex flex-wrap gap-2">
          <Button size="sm" onClick={onAssign}>
            <Link2 aria-hidden="true" />
            {t('tickets.unmatched.assign')}
          </Button>
          <Button size="sm" variant="outline" onClick={onDiscard}>
            <Trash2 aria-hidden="true" />
            {t('tickets.unmatched.discard')}
          </Button>
        </div>
      </CardContent>
    </Card>
  );
}

const assignSchema = z.object({
  ticketId: z.string().min(1, 'validation.required'),
  as: z.enum(['customer', 'note']),
});
type AssignForm = z.infer<typeof assignSchema>;

function AssignDialog({ mail, onClose }: { mail: UnmatchedMail; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { assign } = useUnmatchedMailActions();
  const [search, setSearch] = useState(mail.subject.replace(/^(re|fw|fwd|rv):\s*/i, '').slice(0, 80));
  const found = useAdminTickets({ q: search.trim() || undefined, page: 1, pageSize: 8 });
  const form = useForm<AssignForm>({
    resolver: zodResolver(assignSchema),
    defaultValues: { ticketId: '', as: 'customer' },
  });
  const { errors } = form.formState;
  const submit = form.handleSubmit((values) => {
    if (assign.isPending) return;
    assign.mutate(
      { id: mail.id, ...values },
      {
        onSuccess: ({ ticketId }) => {
          toast.success(t('tickets.unmatched.assigned'));
          onClose();
          void navigate(`/admin/tickets/${ticketId}`);
        },
      },
    );
  });
  return (
    <FormDialog
      title={t('tickets.unmatched.assignTitle')}
      description={t('tickets.unmatched.assignText', { from: mail.fromAddress })}
      className="max-w-xl"
      onClose={onClose}
      onSubmit={submit}
      pending={assign.isPending}
      error={assign.error}
      submit={t('tickets.unmatched.assign')}
    >
      <TextField
        label={t('tickets.unmatched.search')}
        hint={t('tickets.unmatched.searchHint')}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        autoComplete="off"
      />
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">{t('tickets.unmatched.pickTicket')}</legend>
        {found.isPending ? (
          <p className="text-sm text-muted-foreground">{t('tickets.unmatched.searching')}</p>
        ) : !found.data?.items.length ? (
          <p className="text-sm text-muted-foreground">{t('tickets.unmatched.noTickets')}</p>
        ) : (
          found.data.items.map((ticket) => (
            <label
              key={ticket.id}
              className="flex cursor-pointer items-start gap-2 rounded-lg border border-border p-2 text-sm has-checked:border-primary"
            >
              <input type="radio" value={ticket.id} className="mt-1" {...form.register('ticketId')} />
              <span className="min-w-0">
                <span className="font-mono text-xs">{ticket.number}</span> · {ticket.subject}
                <span className="block text-xs break-all text-muted-foreground">{ticket.customer.email}</span>
              </span>
            </label>
          ))
        )}
        <FieldError message={errors.ticketId?.message} />
      </fieldset>
      <SelectField label={t('tickets.unmatched.as')} {...form.register('as')}>
        <option value="customer">{t('tickets.unmatched.asCustomer')}</option>
        <option value="note">{t('tickets.unmatched.asNote')}</option>
      </SelectField>
    </FormDialog>
  );
}

function DiscardDialog({ mail, onClose }: { mail: UnmatchedMail; onClose: () => void }) {
  const { t } = useTranslation();
  const { discard } = useUnmatchedMailActions();
  return (
    <ConfirmDialog
      title={t('tickets.unmatched.discardTitle')}
      description={t('tickets.unmatched.discardText', { from: mail.fromAddress })}
      onClose={onClose}
      onConfirm={() =>
        discard.mutate(mail.id, {
          onSuccess: () => {
            toast.success(t('tickets.unmatched.discarded'));
            onClose();
          },
        })
      }
      pending={discard.isPending}
      error={discard.error}
      submit={t('tickets.unmatched.discard')}
    />
  );
}
