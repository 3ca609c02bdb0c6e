import { CheckCircle2, ClipboardList } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMarkTaskDone } from '../../../api/admin.ts';
import type { AdminTask } from '../../../api/models.ts';
import { TextField } from '../../../components/form/fields.tsx';
import { FormDialog } from '../../../components/form/FormDialog.tsx';
import { Button } from '../../../components/ui/Button.tsx';
import { Card } from '../../../components/ui/Card.tsx';
import { toast } from '../../../components/ui/Toast.tsx';
import { adminTaskText } from '../../../lib/adminTasks.ts';
import { errorMessageKey } from '../../../lib/errors.ts';
import { useFormat } from '../../../lib/format.ts';
import { submitHandler } from '../../../components/form/FormBits.tsx';

/** Open tasks for staff (e.g. a cancellation to do at Contabo), each closed with optional notes. */
export function BillingTasks({ tasks }: { tasks: AdminTask[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [closing, setClosing] = useState<AdminTask | null>(null);
  return (
    <>
      <ul className="flex flex-col gap-3" data-testid="billing-tasks">
        {tasks.map((task) => {
          const text = adminTaskText(task, t);
          return (
            <li key={task.id}>
              <Card className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center">
                <span className="hidden size-10 shrink-0 items-center justify-center rounded-full bg-amber-100 text-amber-900 sm:flex dark:bg-amber-950 dark:text-amber-200">
                  <ClipboardList aria-hidden="true" className="size-5" />
                </span>
                <div className="min-w-0 flex-1">
                  <p className="font-medium break-words">{text.title}</p>
                  <p className="text-xs text-muted-foreground">
                    <span>{text.label}</span> ·{' '}
                    <time dateTime={task.createdAt}>{format.dateTime(task.createdAt)}</time>
                  </p>
                  {text.lines.map((line) => (
                    <p key={line} className="mt-1 text-sm break-words">
                      {line}
                    </p>
                  ))}
                  {task.notes && <p className="mt-1 text-sm break-words whitespace-pre-line">{task.notes}</p>}
                </div>
                <Button
                  variant="outline"
                  size="sm"
                  aria-label={t('admin.billing.doneLabel', { title: text.title })}
                  onClick={() => setClosing(task)}
                >
                  <CheckCircle2 aria-hidden="true" />
                  {t('admin.billing.done')}
                </Button>
              </Card>
            </li>
          );
        })}
      </ul>
      {closing && <TaskDoneDialog task={closing} onClose={() => setClosing(null)} />}
    </>
  );
}

function TaskDoneDialog({ task, onClose }: { task: AdminTask; onClose: () => void }) {
  const { t } = useTranslation();
  const mutation = useMarkTaskDone();
  const [notes, setNotes] = useState('');
  const tooLong = notes.length > 2000;
  return (
    <FormDialog
      onClose={onClose}
      pending={mutation.isPending}
      error={mutation.error}
      title={t('admin.billing.doneTitle')}
      description={adminTaskText(task, t).title}
      submit={t('admin.billing.doneConfirm')}
      onSubmit={submitHandler(() => {
        if (mutation.isPending || tooLong) return;
        mutation.mutate(
          { taskId: task.id, ...(notes.trim() ? { notes: notes.trim() } : {}) },
          {
            onSuccess: () => {
              toast.success(t('admin.billing.doneSaved'));
              onClose();
            },
            onError: (error) => toast.error(t('admin.billing.doneFailed'), t(errorMessageKey(error))),
          },
        );
      })}
    >
      <TextField
        label={t('admin.billing.doneNotes')}
        optional
        autoComplete="off"
        value={notes}
        error={tooLong ? 'validation.tooLong' : undefined}
        onChange={(event) => setNotes(event.target.value)}
      />
    </FormDialog>
  );
}
