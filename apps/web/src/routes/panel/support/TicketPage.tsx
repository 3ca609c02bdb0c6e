import { zodResolver } from '@hookform/resolvers/zod';
import { Star } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  attachmentUrl,
  useTicket,
  useTicketActions,
  type TicketDetail,
  type TicketMessage,
} from '../../../api/tickets.ts';
import { FormError, SubmitButton } from '../../../components/form/FormBits.tsx';
import { TicketPageFrame } from '../../../components/tickets/TicketPageFrame.tsx';
import { DetailHeader } from '../../../components/layout/PageHeader.tsx';
import { MessageField, ReplyActions, useReplySend } from '../../../components/tickets/ReplyBits.tsx';
import { MessageCard, TicketStatusBadge, textareaClass } from '../../../components/tickets/ticketBits.tsx';
import { customerReplySchema } from '../../../components/tickets/replySchema.ts';
import { Button } from '../../../components/ui/Button.tsx';
import { Card, CardContent } from '../../../components/ui/Card.tsx';
import { cn } from '../../../lib/cn.ts';
import { useFormat } from '../../../lib/format.ts';
import type { z } from 'zod';

/** `/panel/support/:id`: the conversation, the reply box always at hand, close and rate. Updates live. */
export function TicketPage() {
  const { t } = useTranslation();
  return (
    <TicketPageFrame
      back="/panel/support"
      backLabel={t('tickets.back')}
      useTicket={useTicket}
      skeletons={['h-28', 'h-28']}
    >
      {(data) => <TicketView ticket={data} />}
    </TicketPageFrame>
  );
}

function TicketView({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const actions = useTicketActions(ticket.id);
  const closed = ticket.status === 'closed';
  return (
    <>
      <title>{`${ticket.number} · ${ticket.subject}`}</title>
      <DetailHeader
        title={ticket.subject}
        subtitle={
          <>
            <span className="font-mono">{ticket.number}</span> ·{' '}
            {t(`tickets.department.${ticket.department}`, ticket.department)} ·{' '}
            {t('tickets.openedOn', { date: format.date(ticket.createdAt) })}
          </>
        }
        aside={
          <>
            <span aria-live="polite">
              <TicketStatusBadge status={ticket.status} />
            </span>
            {!closed && (
              <Button
                variant="outline"
                size="sm"
                disabled={actions.close.isPending}
                onClick={() => actions.close.mutate()}
              >
                {t('tickets.close')}
              </Button>
            )}
          </>
        }
      />
      {ticket.previousTicketId && (
        <p className="text-sm text-muted-foreground">
          <Link to={`/panel/support/${ticket.previousTicketId}`} className="underline">
            {t('tickets.followsUp')}
          </Link>
        </p>
      )}
      <ol className="flex flex-col gap-4" aria-label={t('tickets.conversation')} data-testid="thread">
        {ticket.messages.map((m) => (
          <MessageBubble key={m.id} message={m} ticketId={ticket.id} />
        ))}
      </ol>
      {closed && ticket.rating === null && <RatingForm ticketId={ticket.id} />}
      {closed && ticket.rating !== null && (
        <p className="text-sm text-muted-foreground" data-testid="ticket-rated">
          {t('tickets.rated', { rating: ticket.rating })}
        </p>
      )}
      {(!closed || ticket.canReopen) && <ReplyBox ticket={ticket} />}
      {closed && !ticket.canReopen && (
        <p className="text-sm text-muted-foreground">{t('tickets.replyStartsNew')}</p>
      )}
    </>
  );
}

function MessageBubble({ message, ticketId }: { message: TicketMessage; ticketId: string }) {
  const { t } = useTranslation();
  const staff = message.author === 'staff';
  return (
    <li
      className={cn('flex', staff ? 'justify-start' : 'justify-end')}
      data-testid="message"
      data-author={message.author}
    >
      <MessageCard
        message={message}
        className={cn(
          'w-full max-w-[42rem] rounded-xl border px-4 py-3',
          staff ? 'border-border bg-card' : 'border-primary/30 bg-accent',
        )}
        author={staff ? t('tickets.staffAuthor', { name: message.authorName }) : t('tickets.you')}
        href={(a) => attachmentUrl(ticketId, a.id)}
      />
    </li>
  );
}

function ReplyBox({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const { reply } = useTicketActions(ticket.id);
  const form = useForm<z.infer<typeof customerReplySchema>>({
    resolver: zodResolver(customerReplySchema),
    defaultValues: { message: '' },
  });
  const { files, setFiles, send } = useReplySend(reply, () => form.reset({ message: '' }));
  return (
    <Card>
      <CardContent className="pt-6">
        <form
          onSubmit={form.handleSubmit(send)}
          noValidate
          className="flex flex-col gap-3"
          data-testid="reply-form"
        >
          <MessageField
            id="reply"
            label={ticket.status === 'closed' ? t('tickets.replyReopens') : t('tickets.reply')}
            rows={5}
            error={form.formState.errors.message?.message}
            {...form.register('message')}
          />
          <ReplyActions
            files={files}
            onFiles={setFiles}
            error={reply.error}
            pending={reply.isPending}
            blank={!form.watch('message').trim()}
          >
            {t('tickets.send')}
          </ReplyActions>
        </form>
      </CardContent>
    </Card>
  );
}

function RatingForm({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const { rate } = useTicketActions(ticketId);
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!rating || rate.isPending) return;
    rate.mutate({ rating, ...(comment.trim() ? { comment: comment.trim() } : {}) });
  };
  return (
    <Card>
      <CardContent className="pt-6">
        <form onSubmit={submit} className="flex flex-col gap-3" data-testid="rating-form">
          <fieldset>
            <legend className="mb-2 text-sm font-medium">{t('tickets.rateTitle')}</legend>
            <div className="flex gap-1">
              {[1, 2, 3, 4, 5].map((n) => (
                <button
                  key={n}
                  type="button"
                  aria-pressed={rating === n}
                  aria-label={t('tickets.stars', { count: n })}
                  onClick={() => setRating(n)}
                  className="inline-flex size-10 items-center justify-center rounded-lg hover:bg-muted focus-visible:outline-2 focus-visible:outline-ring"
                >
                  <Star
                    aria-hidden="true"
                    className={cn(
                      'size-6',
                      n <= rating ? 'fill-amber-400 text-amber-500' : 'text-muted-foreground',
                    )}
                  />
                </button>
              ))}
            </div>
          </fieldset>
          <label htmlFor="rating-comment" className="text-sm font-medium">
            {t('tickets.rateComment')}
          </label>
          <textarea
            id="rating-comment"
            rows={2}
            maxLength={2000}
            className={textareaClass}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
          <FormError error={rate.error} />
          <div className="flex justify-end">
            <SubmitButton pending={rate.isPending} disabled={!rating}>
              {t('tickets.rateSubmit')}
            </SubmitButton>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
