// What the customer's and the staff's reply boxes share: the message box with its label and error, the files and
// the send button, and sending (the message with its files, then an empty box).
import { useState, type ReactNode, type TextareaHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldError } from '../form/fields.tsx';
import { FormError, SubmitButton } from '../form/FormBits.tsx';
import { FileDrop, textareaClass } from './ticketBits.tsx';

/** The message box: its label on top, the field's error under it. */
export function MessageField({
  id,
  label,
  error,
  className = textareaClass,
  ...textarea
}: Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'maxLength'> & {
  id: string;
  label: string;
  error: string | undefined;
}) {
  return (
    <>
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <textarea
        id={id}
        maxLength={20_000}
        className={className}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        {...textarea}
      />
      <FieldError id={`${id}-error`} message={error} />
    </>
  );
}

/** Under the message: the files, the last failure, and the send button (off while the message is blank). */
export function ReplyActions({
  files,
  onFiles,
  error,
  pending,
  blank,
  children,
}: {
  files: File[];
  onFiles: (files: File[]) => void;
  error: unknown;
  pending: boolean;
  blank: boolean;
  /** What the send button says. */
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      <FileDrop files={files} onChange={onFiles} />
      <FormError error={error} />
      <div className="flex justify-end">
        <SubmitButton pending={pending} disabled={blank} pendingLabel={t('tickets.sending')}>
          {children}
        </SubmitButton>
      </div>
    </>
  );
}

export type ReplyMutation<V> = {
  isPending: boolean;
  mutate: (input: V, options: { onSuccess: () => void }) => unknown;
};

/** Posts a reply's values with its files, unless one is on its way already; `onSent` once the API took it. */
export function sendReply<V extends { files: File[] }>(
  reply: ReplyMutation<V>,
  values: Omit<V, 'files'>,
  files: File[],
  onSent: () => void,
): void {
  if (reply.isPending) return;
  reply.mutate({ ...values, files } as V, { onSuccess: onSent });
}

/**
 * The files of a reply box and its sending: `send(values)` posts the form's values with the files; once sent,
 * `reset` empties the form and the files go.
 */
export function useReplySend<V extends { files: File[] }>(reply: ReplyMutation<V>, reset: () => void) {
  const [files, setFiles] = useState<File[]>([]);
  const send = (values: Omit<V, 'files'>) =>
    sendReply(reply, values, files, () => {
      reset();
      setFiles([]);
    });
  return { files, setFiles, send };
}
