import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { isLegalDocument, useLegalPage, type LegalDocument } from '../../api/legal.ts';
import { Markdown } from '../../components/legal/Markdown.tsx';
import { ErrorState } from '../../components/ui/ErrorState.tsx';
import { Skeleton } from '../../components/ui/Skeleton.tsx';
import { useFormat } from '../../lib/format.ts';
import { NotFoundPage } from './NotFoundPage.tsx';

/** `/legal/terms`, `/legal/privacy`, `/legal/refunds`: the current version in the visitor's language. */
export function LegalPage() {
  const { doc } = useParams();
  if (!isLegalDocument(doc)) return <NotFoundPage />;
  return <LegalDocumentView doc={doc} />;
}

function LegalDocumentView({ doc }: { doc: LegalDocument }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const lang = i18n.language === 'en' ? 'en' : 'es';
  const page = useLegalPage(doc, lang);
  return (
    <article className="mx-auto w-full max-w-3xl px-4 py-10 sm:px-6" data-testid="legal-page">
      <title>{t('legal.documentTitle', { name: t(`legal.names.${doc}`) })}</title>
      {page.isPending ? (
        <div className="flex flex-col gap-3" aria-busy="true">
          <Skeleton className="h-9 w-2/3" />
          <Skeleton className="h-4 w-full" />
          <Skeleton className="h-4 w-5/6" />
          <Skeleton className="h-4 w-4/6" />
        </div>
      ) : page.error ? (
        <ErrorState error={page.error} onRetry={() => void page.refetch()} />
      ) : (
        <>
          <Markdown source={page.data.markdown} />
          <p className="mt-8 border-t border-border pt-4 text-sm text-muted-foreground">
            {t('legal.versionLine', {
              version: page.data.version,
              date: format.date(String(page.data.publishedAt)),
            })}
          </p>
        </>
      )}
    </article>
  );
}
