import { Eye, Pencil } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LEGAL_DOCUMENTS, useAdminLegal, usePublishLegal, type LegalDocument } from '../../api/legal.ts';
import { TextareaField } from '../../components/form/fields.tsx';
import { FormError, SubmitButton, submitHandler } from '../../components/form/FormBits.tsx';
import { PageHeader } from '../../components/layout/PageHeader.tsx';
import { Markdown } from '../../components/legal/Markdown.tsx';
import { Button } from '../../components/ui/Button.tsx';
import { Card } from '../../components/ui/Card.tsx';
import { ErrorState } from '../../components/ui/ErrorState.tsx';
import { Skeleton } from '../../components/ui/Skeleton.tsx';
import { toast } from '../../components/ui/Toast.tsx';
import { cn } from '../../lib/cn.ts';
import { useFormat } from '../../lib/format.ts';

/**
 * `/admin/settings/legal`: terms, privacy and refund policy in Markdown, both languages. Publishing adds a version;
 * earlier versions stay listed (accounts and orders record which one they accepted).
 */
export function AdminLegalPage() {
  const { t } = useTranslation();
  const [doc, setDoc] = useState<LegalDocument>('terms');
  return (
    <div className="flex flex-col gap-6">
      <title>{t('admin.legal.documentTitle')}</title>
      <PageHeader
        title={t('admin.legal.title')}
        subtitle={t('admin.legal.subtitle')}
        aside={
          <Link to="/admin/settings" className="text-sm text-primary underline underline-offset-2">
            {t('admin.legal.back')}
          </Link>
        }
      />
      <div role="tablist" aria-label={t('admin.legal.tabsLabel')} className="flex flex-wrap gap-2">
        {LEGAL_DOCUMENTS.map((d) => (
          <Button
            key={d}
            role="tab"
            aria-selected={d === doc}
            variant={d === doc ? 'primary' : 'outline'}
            onClick={() => setDoc(d)}
          >
            {t(`legal.names.${d}`)}
          </Button>
        ))}
      </div>
      <LegalEditor key={doc} doc={doc} />
    </div>
  );
}

function LegalEditor({ doc }: { doc: LegalDocument }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useAdminLegal(doc);
  const publish = usePublishLegal(doc);
  const [bodyEs, setBodyEs] = useState('');
  const [bodyEn, setBodyEn] = useState('');
  const [preview, setPreview] = useState(false);
  const current = query.data?.current;

  useEffect(() => {
    if (current) {
      setBodyEs(current.bodyEs);
      setBodyEn(current.bodyEn);
    }
  }, [current]);

  if (query.isPending) return <Skeleton className="h-96 w-full rounded-xl" />;
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const unchanged = bodyEs === current?.bodyEs && bodyEn === current?.bodyEn;

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem] lg:items-start">
      <Card className="flex flex-col gap-4 p-5">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 className="font-semibold" data-testid="legal-current-version">
            {t('admin.legal.current', { version: query.data.current.version })}
          </h2>
          <Button variant="outline" size="sm" onClick={() => setPreview((p) => !p)}>
            {preview ? <Pencil aria-hidden="true" /> : <Eye aria-hidden="true" />}
            {preview ? t('admin.legal.edit') : t('admin.legal.preview')}
          </Button>
        </div>
        {preview ? (
          <div className="grid gap-6 md:grid-cols-2">
            <section
              aria-label={t('admin.legal.bodyEs')}
              className="min-w-0 rounded-lg border border-border p-4"
            >
              <Markdown source={bodyEs} />
            </section>
            <section
              aria-label={t('admin.legal.bodyEn')}
              className="min-w-0 rounded-lg border border-border p-4"
            >
              <Markdown source={bodyEn} />
            </section>
          </div>
        ) : (
          <form
            noValidate
            className="flex flex-col gap-4"
            onSubmit={submitHandler(() => {
              if (publish.isPending || unchanged || !bodyEs.trim() || !bodyEn.trim()) return;
              publish.mutate(
                { bodyEs, bodyEn },
                { onSuccess: (v) => toast.success(t('admin.legal.published', { version: v.version })) },
              );
            })}
          >
            {publish.error && <FormError error={publish.error} />}
            <div className="grid gap-4 md:grid-cols-2">
              <TextareaField
                label={t('admin.legal.bodyEs')}
                hint={t('admin.legal.markdownHint')}
                className="[&_textarea]:min-h-96 [&_textarea]:break-normal"
                value={bodyEs}
                onChange={(e) => setBodyEs(e.target.value)}
                maxLength={100_000}
              />
              <TextareaField
                label={t('admin.legal.bodyEn')}
                hint={t('admin.legal.markdownHint')}
                className="[&_textarea]:min-h-96 [&_textarea]:break-normal"
                value={bodyEn}
                onChange={(e) => setBodyEn(e.target.value)}
                maxLength={100_000}
              />
            </div>
            <p className="text-sm text-muted-foreground">{t('admin.legal.publishNote')}</p>
            <SubmitButton
              pending={publish.isPending}
              pendingLabel={t('admin.legal.publishing')}
              disabled={unchanged || !bodyEs.trim() || !bodyEn.trim()}
              className="self-start"
            >
              {t('admin.legal.publish')}
            </SubmitButton>
          </form>
        )}
      </Card>
      <Card className="flex flex-col gap-3 p-5">
        <h2 className="font-semibold">{t('admin.legal.history')}</h2>
        <ol className="flex flex-col gap-2 text-sm" data-testid="legal-versions">
          {query.data.versions.map((v) => (
            <li key={v.version}>
              <details className="rounded-lg border border-border">
                <summary
                  className={cn(
                    'flex min-h-10 cursor-pointer items-center justify-between gap-2 px-3',
                    v.version === current?.version && 'font-semibold',
                  )}
                >
                  <span className="whitespace-nowrap">
                    {t('admin.legal.version', { version: v.version })}
                  </span>
                  <span className="text-xs text-muted-foreground">
                    {format.dateTime(String(v.createdAt))}
                  </span>
                </summary>
                <pre className="max-h-64 overflow-auto border-t border-border p-3 text-xs whitespace-pre-wrap">
                  {v.bodyEs}
                </pre>
              </details>
            </li>
          ))}
        </ol>
      </Card>
    </div>
  );
}
