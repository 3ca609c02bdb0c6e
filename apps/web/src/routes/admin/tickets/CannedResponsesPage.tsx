import { zodResolver } from '@hookform/resolvers/zod';
import { MessageSquareText, Pencil, Plus, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useCannedResponses, useTicketDepartments, type CannedResponse } from '../../../api/tickets.ts';
import { CANNED_VARIABLES, useCannedResponseActions } from '../../../api/ticketsAdmin.ts';
import { ConfirmDialog, FormDialog, toastAndClose } from '../../../components/form/FormDialog.tsx';
import { SelectField, TextareaField, TextField } from '../../../components/form/fields.tsx';
import { requiredText } from '../../../components/form/validation.ts';
import { ListState } from '../../../components/list/ListState.tsx';
import { Badge } from '../../../components/ui/Badge.tsx';
import { Button } from '../../../components/ui/Button.tsx';
import { Card, CardContent, CardHeader, CardTitle } from '../../../components/ui/Card.tsx';
import { EmptyState } from '../../../components/ui/EmptyState.tsx';
import { previewCanned } from './cannedPreview.ts';
import { TicketsSubpage } from './TicketsSubpage.tsx';

/** The API's rules (tickets.schemas.ts ZCannedResponseInput). */
const schema = z.object({
  title: requiredText(120),
  body: requiredText(20_000),
  department: z.string(),
});
type CannedForm = z.infer<typeof schema>;
const FIELDS = ['title', 'body', 'department'] as const;

type Editing =
  { mode: 'new' } | { mode: 'edit'; canned: CannedResponse } | { mode: 'delete'; canned: CannedResponse };

/** `/admin/tickets/canned`: the canned responses staff insert in replies, with their variables and a preview. */
export function CannedResponsesPage() {
  const { t } = useTranslation();
  const canned = useCannedResponses();
  const [editing, setEditing] = useState<Editing | null>(null);
  const close = () => setEditing(null);
  return (
    <TicketsSubpage
      documentTitle={t('tickets.canned.documentTitle')}
      title={t('tickets.canned.title')}
      subtitle={t('tickets.canned.subtitle')}
      aside={
        <Button onClick={() => setEditing({ mode: 'new' })} data-testid="canned-new">
          <Plus aria-hidden="true" />
          {t('tickets.canned.new')}
        </Button>
      }
    >
      <VariablesCard />
      <ListState
        query={{ ...canned, data: canned.data && { items: canned.data } }}
        skeleton={{ rows: 3, height: 'h-24' }}
        empty={
          <EmptyState
            icon={MessageSquareText}
            title={t('tickets.canned.emptyTitle')}
            description={t('tickets.canned.emptyText')}
          />
        }
      >
        {(items) => (
          <ul className="flex flex-col gap-3">
            {items.map((c) => (
              <li key={c.id}>
                <CannedCard
                  canned={c}
                  onEdit={() => setEditing({ mode: 'edit', canned: c })}
                  onDelete={() => setEditing({ mode: 'delete', canned: c })}
                />
              </li>
            ))}
          </ul>
        )}
      </ListState>
      {editing?.mode === 'delete' ? (
        <DeleteDialog canned={editing.canned} onClose={close} />
      ) : editing ? (
        <CannedDialog canned={editing.mode === 'edit' ? editing.canned : null} onClose={close} />
      ) : null}
    </TicketsSubpage>
  );
}

function CannedCard({
  canned,
  onEdit,
  onDelete,
}: {
  canned: CannedResponse;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Card data-testid="canned-card">
      <CardContent className="flex flex-col gap-3 pt-5 sm:flex-row sm:items-start">
        <div className="flex min-w-0 flex-1 flex-col gap-1">
          <p className="flex flex-wrap items-center gap-2 font-semibold">
            {canned.title}
            <Badge tone="neutral">
              {canned.department
                ? t(`tickets.department.${canned.department}`, canned.department)
                : t('tickets.canned.allDepartments')}
            </Badge>
          </p>
          <p className="line-clamp-3 text-sm whitespace-pre-line text-muted-foreground">{canned.body}</p>
        </div>
        <div className="flex shrink-0 gap-2">
          <Button
            variant="outline"
            size="sm"
            onClick={onEdit}
            aria-label={t('tickets.canned.editNamed', { title: canned.title })}
          >
            <Pencil aria-hidden="true" />
            {t('tickets.canned.edit')}
          </Button>
          <Button
            variant="ghost"
            size="sm"
            onClick={onDelete}
            aria-label={t('tickets.canned.deleteNamed', { title: canned.title })}
          >
            <Trash2 aria-hidden="true" />
            {t('tickets.canned.delete')}
          </Button>
        </div>
      </CardContent>
    </Card>
  );
}

function VariablesCard() {
  const { t } = useTranslation();
  return (
    <Card aria-labelledby="canned-vars-title">
      <CardHeader>
        <CardTitle id="canned-vars-title" className="text-base">
          {t('tickets.canned.variablesTitle')}
        </CardTitle>
        <p className="text-sm text-muted-foreground">{t('tickets.canned.variablesText')}</p>
      </CardHeader>
      <CardContent>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2" data-testid="canned-variables">
          {CANNED_VARIABLES.map((v) => (
            <div key={v} className="flex flex-col">
              <dt className="font-mono text-xs break-all">{`{{${v}}}`}</dt>
              <dd className="text-muted-foreground">{t(`tickets.canned.var.${v}`)}</dd>
            </div>
          ))}
        </dl>
      </CardContent>
    </Card>
  );
}

function CannedDialog({ canned, onClose }: { canned: CannedResponse | null; onClose: () => void }) {
  const { t } = useTranslation();
  const departments = useTicketDepartments();
  const { create, update } = useCannedResponseActions();
  const mutation = canned ? update : create;
  const form = useForm<CannedForm>({
    resolver: zodResolver(schema),
    defaultValues: {
      title: canned?.title ?? '',
      body: canned?.body ?? '',
      department: canned?.department ?? '',
    },
  });
  const { errors } = form.formState;
  const body = form.watch('body');
  const insertVariable = (name: string) => {
    // At the cursor when the text box had it, else at the end.
    const box = document.getElementById('canned-body') as HTMLTextAreaElement | null;
    const token = `{{${name}}}`;
    const at = box?.selectionStart ?? body.length;
    const end = box?.selectionEnd ?? at;
    form.setValue('body', body.slice(0, at) + token + body.slice(end), { shouldDirty: true });
  };
  const submit = form.handleSubmit((values) => {
    if (mutation.isPending) return;
    const input = { title: values.title, body: values.body, department: values.department || null };
    const callbacks = toastAndClose({
      message: t('tickets.canned.saved'),
      onClose,
      setError: form.setError,
      fields: FIELDS,
      reset: mutation.reset,
    });
    if (canned) update.mutate({ id: canned.id, ...input }, callbacks);
    else create.mutate(input, callbacks);
  });
  return (
    <FormDialog
      title={canned ? t('tickets.canned.editTitle') : t('tickets.canned.newTitle')}
      className="max-w-2xl"
      onClose={onClose}
      onSubmit={submit}
      pending={mutation.isPending}
      error={mutation.error}
      submit={t('tickets.canned.save')}
    >
      <TextField
        label={t('tickets.canned.fieldTitle')}
        maxLength={120}
        autoComplete="off"
        error={errors.title?.message}
        {...form.register('title')}
      />
      <SelectField label={t('tickets.form.department')} {...form.register('department')}>
        <option value="">{t('tickets.canned.allDepartments')}</option>
        {departments.data?.map((d) => (
          <option key={d} value={d}>
            {t(`tickets.department.${d}`, d)}
          </option>
        ))}
      </SelectField>
      <TextareaField
        id="canned-body"
        label={t('tickets.canned.fieldBody')}
        rows={7}
        maxLength={20_000}
        className="[&_textarea]:font-sans [&_textarea]:break-normal"
        error={errors.body?.message}
        {...form.register('body')}
      />
      <div className="flex flex-col gap-1.5">
        <p className="text-sm font-medium">{t('tickets.canned.insertVariable')}</p>
        <div className="flex flex-wrap gap-1.5">
          {CANNED_VARIABLES.map((v) => (
            <button
              key={v}
              type="button"
              className="rounded-md border border-border bg-muted px-2 py-1 font-mono text-xs hover:bg-accent"
              onClick={() => insertVariable(v)}
            >
              {`{{${v}}}`}
            </button>
          ))}
        </div>
      </div>
      <section
        aria-labelledby="canned-preview-title"
        className="rounded-lg border border-border bg-muted/50 p-3"
      >
        <h3 id="canned-preview-title" className="text-sm font-medium">
          {t('tickets.canned.preview')}
        </h3>
        <p className="mb-2 text-xs text-muted-foreground">{t('tickets.canned.previewHint')}</p>
        <p className="text-sm break-words whitespace-pre-line" data-testid="canned-preview">
          {body.trim() ? previewCanned(body) : t('tickets.canned.previewEmpty')}
        </p>
      </section>
    </FormDialog>
  );
}

function DeleteDialog({ canned, onClose }: { canned: CannedResponse; onClose: () => void }) {
  const { t } = useTranslation();
  const { remove } = useCannedResponseActions();
  return (
    <ConfirmDialog
      title={t('tickets.canned.deleteTitle')}
      description={t('tickets.canned.deleteText', { title: canned.title })}
      onClose={onClose}
      onConfirm={() => remove.mutate(canned.id, { onSuccess: onClose })}
      pending={remove.isPending}
      error={remove.error}
      submit={t('tickets.canned.delete')}
    />
  );
}
