import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useEmailTemplate,
  useEmailTemplates,
  usePreviewEmailTemplate,
  useSaveEmailTemplate,
  useSendTestEmail,
  type EmailSources,
  type EmailTemplate,
} from '../../api/operations.ts';
import { SelectField, TextareaField, TextField } from '../../components/form/fields.tsx';
import { FormError, FormSuccess } from '../../components/form/FormBits.tsx';
import { PageHeader } from '../../components/layout/PageHeader.tsx';
import { Button } from '../../components/ui/Button.tsx';
import { Card, CardContent } from '../../components/ui/Card.tsx';
import { ErrorState } from '../../components/ui/ErrorState.tsx';
import { Skeleton } from '../../components/ui/Skeleton.tsx';

/** `/admin/emails` (Ajustes → Correos): each e-mail per language, edited, previewed, tested and restored. */
export function EmailTemplatesPage() {
  const { t } = useTranslation();
  const list = useEmailTemplates();
  const [key, setKey] = useState<string | null>(null);
  const [language, setLanguage] = useState<'es' | 'en'>('es');
  const keys = [...new Set((list.data?.items ?? []).map((i) => i.key))];
  const current = key ?? keys[0] ?? null;
  const template = useEmailTemplate(current, language);
  return (
    <div className="flex flex-col gap-6">
      <title>{t('ops.emails.title')}</title>
      <PageHeader title={t('ops.emails.title')} subtitle={t('ops.emails.subtitle')} />
      {list.error ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            label={t('ops.emails.template')}
            value={current ?? ''}
            onChange={(e) => setKey(e.target.value)}
            data-testid="template-select"
          >
            {(list.data?.items ?? [])
              .filter((i) => i.language === language)
              .map((i) => (
                <option key={i.key} value={i.key}>
                  {i.description}
                  {i.customised ? ` (${t('ops.emails.customised')})` : ''}
                </option>
              ))}
          </SelectField>
          <SelectField
            label={t('ops.emails.language')}
            value={language}
            onChange={(e) => setLanguage(e.target.value as 'es' | 'en')}
            data-testid="language-select"
          >
            <option value="es">Español</option>
            <option value="en">English</option>
          </SelectField>
        </div>
      )}
      {template.isPending ? (
        <Skeleton className="h-80 w-full" />
      ) : template.error ? (
        <ErrorState error={template.error} onRetry={() => void template.refetch()} />
      ) : (
        <Editor key={`${template.data.key}:${template.data.language}`} template={template.data} />
      )}
    </div>
  );
}

function Editor({ template }: { template: EmailTemplate }) {
  const { t } = useTranslation();
  const [sources, setSources] = useState<EmailSources>(template.sources);
  const save = useSaveEmailTemplate(template.key, template.language);
  const preview = usePreviewEmailTemplate(template.key);
  const sendTest = useSendTestEmail(template.key);
  useEffect(() => setSources(template.sources), [template.sources]);
  const set = (field: keyof EmailSources) => (e: { target: { value: string } }) =>
    setSources({ ...sources, [field]: e.target.value });
  return (
    <Card>
      <CardContent className="flex flex-col gap-4 pt-5">
        <p className="text-sm text-muted-foreground">
          {t('ops.emails.variables')}{' '}
          {template.variables.map((v) => (
            <code key={v} className="mr-2 rounded bg-muted px-1">{`<%= it.${v} %>`}</code>
          ))}
        </p>
        <FormError error={save.error ?? preview.error ?? sendTest.error} />
        <TextField label={t('ops.emails.subject')} value={sources.subject} onChange={set('subject')} />
        <TextareaField label={t('ops.emails.html')} rows={10} value={sources.html} onChange={set('html')} />
        <TextareaField label={t('ops.emails.text')} rows={8} value={sources.text} onChange={set('text')} />
        <div className="flex flex-wrap gap-3">
          <Button disabled={save.isPending} onClick={() => save.mutate(sources)}>
            {t('ops.emails.save')}
          </Button>
          <Button
            variant="outline"
            onClick={() => preview.mutate({ ...sources, language: template.language })}
          >
            {t('ops.emails.preview')}
          </Button>
          <Button variant="outline" onClick={() => sendTest.mutate(template.language)}>
            {t('ops.emails.sendTest')}
          </Button>
          {template.customised && (
            <Button variant="ghost" onClick={() => save.mutate(null)}>
              {t('ops.emails.restore')}
            </Button>
          )}
        </div>
        <FormSuccess show={save.isSuccess}>{t('ops.emails.saved')}</FormSuccess>
        <FormSuccess show={sendTest.isSuccess}>
          {t('ops.emails.testSent', { email: sendTest.data?.sentTo ?? '' })}
        </FormSuccess>
        {preview.data && (
          <div className="flex flex-col gap-2" data-testid="email-preview">
            <p className="font-medium">{preview.data.subject}</p>
            <iframe
              title={t('ops.emails.preview')}
              sandbox=""
              srcDoc={preview.data.html}
              className="h-96 w-full rounded-md border border-border bg-white"
            />
          </div>
        )}
      </CardContent>
    </Card>
  );
}
