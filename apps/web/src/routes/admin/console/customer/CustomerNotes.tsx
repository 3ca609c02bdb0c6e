import { StickyNote } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerDetail } from '../../../../api/console.ts';
import { Button } from '../../../../components/ui/Button.tsx';
import { useFormat } from '../../../../lib/format.ts';
import type { RunAction } from './CustomerDialogs.tsx';
import { CustomerSection } from './CustomerSection.tsx';
import { submitHandler } from '../../../../components/form/FormBits.tsx';

/** Staff notes on the customer: a form to add one, then the notes so far. */
export function CustomerNotes({
  notes,
  busy,
  run,
}: {
  notes: CustomerDetail['notes'];
  busy: boolean;
  run: RunAction;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [note, setNote] = useState('');
  return (
    <CustomerSection title={t('console.customer.notes')}>
      <form
        className="flex flex-col gap-2"
        onSubmit={submitHandler(() => {
          if (note.trim())
            run({ kind: 'notes', body: note.trim() }, t('console.customer.done.note'), () => setNote(''));
        })}
      >
        <label className="text-sm font-medium" htmlFor="customer-note">
          {t('console.customer.newNote')}
        </label>
        <textarea
          id="customer-note"
          value={note}
          maxLength={5000}
          onChange={(e) => setNote(e.target.value)}
          className="min-h-20 rounded-md border border-border bg-background p-2 text-sm"
        />
        <Button type="submit" size="sm" className="self-start" disabled={busy || !note.trim()}>
          <StickyNote aria-hidden="true" />
          {t('console.customer.addNote')}
        </Button>
      </form>
      <ul className="mt-3 flex flex-col gap-2">
        {notes.map((n) => (
          <li key={n.id} className="rounded-md bg-amber-50 p-2 text-sm dark:bg-amber-950">
            <p className="whitespace-pre-wrap">{n.body}</p>
            <p className="text-xs text-muted-foreground">
              {n.authorEmail ?? '—'} · {format.dateTime(n.createdAt)}
            </p>
          </li>
        ))}
      </ul>
    </CustomerSection>
  );
}
