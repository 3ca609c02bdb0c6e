import { Link, isRouteErrorResponse, useRouteError } from 'react-router';
import { useTranslation } from 'react-i18next';
import { buttonVariants } from '../components/ui/Button.tsx';
import { ErrorState } from '../components/ui/ErrorState.tsx';
import { NotFoundPage } from './public/NotFoundPage.tsx';

/**
 * Shown when a route fails to render or a lazy chunk fails to load (e.g. after a deploy). Rendered inside the
 * layout so the header and footer stay usable.
 */
export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  return (
    <div className="mx-auto flex max-w-3xl flex-col items-center gap-4 px-4 py-16 sm:px-6">
      <ErrorState error={error} title={t('errors.pageTitle')} onRetry={() => window.location.reload()} />
      <Link to="/" className={buttonVariants({ variant: 'ghost' })}>
        {t('notFound.home')}
      </Link>
    </div>
  );
}
