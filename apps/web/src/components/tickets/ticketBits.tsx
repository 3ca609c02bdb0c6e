// Pieces both sides of support use: the status badge, the subject link of a list, message text (line breaks and
// links, never HTML), a thread's message, attachment chips, and the drag-and-drop file picker.
import {
  CheckCircle2,
  Clock,
  FileText,
  Hourglass,
  MessageCircle,
  Paperclip,
  PauseCircle,
  Upload,
  X,
} from 'lucide-react';
import { useRef, useState, type DragEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TicketAttachment, TicketMessage, TicketStatus } from '../../api/tickets.ts';
import { cn } from '../../lib/cn.ts';
import { useFormat } from '../../lib/format.ts';
import { controlClass } from '../form/fields.tsx';
import { Badge } from '../ui/Badge.tsx';
import { Button } from '../ui/Button.tsx';

const TONES = {
  open: { tone: 'info', icon: Hourglass },
  customer_reply: { tone: 'info', icon: MessageCircle },
  answered: { tone: 'warning', icon: Clock },
  on_hold: { tone: 'neutral', icon: PauseCircle },
  closed: { tone: 'success', icon: CheckCircle2 },
} as const;

/** The status in words the reader's side understands ("Esperando tu respuesta" / "Esperando a soporte"). */
export function TicketStatusBadge({ status, staff = false }: { status: TicketStatus; staff?: boolean }) {
  const { t } = useTranslation();
  const { tone, icon: Icon } = TONES[status];
  return (
    <Badge tone={tone} data-testid="ticket-status" data-status={status}>
      <Icon aria-hidden="true" />
      {t(staff ? `tickets.staffStatus.${status}` : `tickets.status.${status}`)}
    </Badge>
  );
}

/** A ticket's subject as the link to it, after a dot (and words for screen readers) while it has unread messages. */
export function TicketSubjectLink({
  to,
  ticket,
}: {
  to: string;
  ticket: { unread: boolean; subject: string };
}) {
  const { t } = useTranslation();
  return (
    <Link to={to} className="block font-medium hover:text-primary hover:underline">
      {ticket.unread && <span className="sr-only">{t('tickets.unread')} </span>}
      {ticket.unread && (
        <span aria-hidden="true" className="mr-1.5 inline-block size-2 rounded-full bg-primary" />
      )}
      {ticket.subject}
    </Link>
  );
}

const URL_PATTERN = /(https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]])/g;

/** Plain text with its line breaks, and http(s) links made clickable. React escapes everything else. */
export function MessageText({ text }: { text: string }) {
  const parts = text.split(URL_PATTERN);
  return (
    <p className="text-sm leading-relaxed break-words whitespace-pre-wrap">
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <a
            key={i}
            href={part}
            target="_blank"
            rel="noopener noreferrer nofollow"
            className="text-primary underline underline-offset-2"
          >
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </p>
  );
}

/**
 * One message of a thread: who wrote it and when (with `before` and `after` that line's other notes), the text, its
 * attachments (downloaded from `href`), then `children`.
 */
export function MessageCard({
  message,
  className,
  author,
  before,
  after,
  href,
  children,
}: {
  message: TicketMessage;
  className: string;
  author: ReactNode;
  before?: ReactNode;
  after?: ReactNode;
  href: (attachment: TicketAttachment) => string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div className={className}>
      <p className="mb-1 flex flex-wrap items-baseline gap-x-2 text-xs text-muted-foreground">
        {before}
        <span className="font-semibold text-foreground">{author}</span>
        <time dateTime={message.createdAt}>{format.dateTime(message.createdAt)}</time>
        {after}
        {message.editedAt && <span>{t('tickets.edited')}</span>}
      </p>
      <MessageText text={message.body} />
      <AttachmentChips attachments={message.attachments} href={href} />
      {children}
    </div>
  );
}

export function formatBytes(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: unit ? 1 : 0 }).format(value)} ${units[unit]}`;
}

const typeLabel = (contentType: string) => {
  if (contentType.startsWith('image/')) return contentType.slice(6).toUpperCase();
  if (contentType === 'application/pdf') return 'PDF';
  if (contentType === 'application/zip') return 'ZIP';
  return 'TXT';
};

export function AttachmentChips({
  attachments,
  href,
}: {
  attachments: TicketAttachment[];
  href: (a: TicketAttachment) => string;
}) {
  const { i18n, t } = useTranslation();
  if (attachments.length === 0) return null;
  return (
    <ul className="mt-3 flex flex-wrap gap-2" aria-label={t('tickets.attachments')}>
      {attachments.map((a) => (
        <li key={a.id}>
          <a
            href={href(a)}
            download={a.filename}
            data-testid="attachment"
            className="inline-flex min-h-10 items-center gap-2 rounded-lg border border-border bg-card px-3 py-1.5 text-xs hover:bg-muted focus-visible:outline-2 focus-visible:outline-ring"
          >
            <Paperclip aria-hidden="true" className="size-3.5" />
            <span className="max-w-48 truncate font-medium">{a.filename}</span>
            <span className="text-muted-foreground">
              {typeLabel(a.contentType)} · {formatBytes(a.sizeBytes, i18n.language)}
            </span>
          </a>
        </li>
      ))}
    </ul>
  );
}

export const MAX_FILES = 5;
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** Files by drag and drop or by the picker; the server checks types and sizes again (and decides). */
export function FileDrop({ files, onChange }: { files: File[]; onChange: (files: File[]) => void }) {
  const { t, i18n } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const add = (list: FileList | null) => {
    if (!list) return;
    const next = [...files, ...Array.from(list)];
    const tooBig = next.find((f) => f.size > MAX_FILE_BYTES);
    if (tooBig) return setProblem(t('tickets.files.tooBig', { name: tooBig.name }));
    if (next.length > MAX_FILES) return setProblem(t('tickets.files.tooMany', { count: MAX_FILES }));
    setProblem(null);
    onChange(next);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    add(event.dataTransfer.files);
  };
  return (
    <div className="flex flex-col gap-2">
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        className={cn(
          'flex flex-wrap items-center gap-3 rounded-lg border border-dashed border-border px-4 py-3 text-sm',
          over && 'border-primary bg-accent',
        )}
      >
        <Upload aria-hidden="true" className="size-4 text-muted-foreground" />
        <span className="text-muted-foreground">{t('tickets.files.drop')}</span>
        <Button variant="outline" size="sm" onClick={() => input.current?.click()}>
          {t('tickets.files.choose')}
        </Button>
        <input
          ref={input}
          type="file"
          multiple
          className="sr-only"
          data-testid="ticket-files"
          aria-label={t('tickets.files.choose')}
          accept="image/*,application/pdf,text/plain,.log,.txt,application/zip,.zip"
          onChange={(e) => {
            add(e.target.files);
            e.target.value = '';
          }}
        />
      </div>
      <p className="text-xs text-muted-foreground">{t('tickets.files.hint', { count: MAX_FILES })}</p>
      {problem && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {problem}
        </p>
      )}
      {files.length > 0 && (
        <ul className="flex flex-wrap gap-2">
          {files.map((file, i) => (
            <li
              key={`${file.name}-${i}`}
              className="inline-flex items-center gap-2 rounded-lg border border-border bg-muted px-3 py-1 text-xs"
            >
              <FileText aria-hidden="true" className="size-3.5" />
              <span className="max-w-40 truncate">{file.name}</span>
              <span className="text-muted-foreground">{formatBytes(file.size, i18n.language)}</span>
              <button
                type="button"
                className="inline-flex size-8 items-center justify-center rounded hover:bg-background"
                aria-label={t('tickets.files.remove', { name: file.name })}
                onClick={() => onChange(files.filter((_, j) => j !== i))}
              >
                <X aria-hidden="true" className="size-3.5" />
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** "3 h 20 min" style waiting time. */
export function useWaitingText() {
  const { t } = useTranslation();
  return (seconds: number) => {
    const minutes = Math.floor(seconds / 60);
    if (minutes < 60) return t('tickets.wait.minutes', { count: minutes });
    const hours = Math.floor(minutes / 60);
    if (hours < 48) return t('tickets.wait.hours', { count: hours, minutes: minutes % 60 });
    return t('tickets.wait.days', { count: Math.floor(hours / 24) });
  };
}

export const textareaClass = cn(controlClass, 'min-h-32 py-2.5 leading-relaxed');
