import { useQuery, useQueryClient } from '@tanstack/react-query';
import { CircleCheck, Loader2, MailX } from 'lucide-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { verifyEmail } from '../../api/auth.ts';
import { sessionKeys, useMe } from '../../api/session.ts';
import { buttonVariants } from '../../components/ui/Button.tsx';
import { ErrorState } from '../../components/ui/ErrorState.tsx';
import { AuthCard } from './AuthCard.tsx';
import { tokenProblem } from './tokenProblem.ts';

export function VerifyEmailPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  // A query (not an effect) so React's double mounting in development sends the single-use token once.
  const verification = useQuery({
    queryKey: ['verify-email', token],
    queryFn: ({ signal }) => verifyEmail(token, signal).then(() => true),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
  });

  useEffect(() => {
    if (verification.isSuccess) void queryClient.invalidateQueries({ queryKey: sessionKeys.me });
  }, [verification.isSuccess, queryClient]);

  const problem = tokenProblem(verification.error);

  return (
    <>
      <title>{t('auth.verify.documentTitle')}</title>
      {verification.isPending ? (
        <AuthCard icon={Loader2} title={t('auth.verify.checking')}>
          <p role="status" className="sr-only">
            {t('auth.verify.checking')}
          </p>
        </AuthCard>
      ) : verification.isSuccess ? (
        <AuthCard
          icon={CircleCheck}
          iconTone="success"
          title={t('auth.verify.successTitle')}
          subtitle={t('auth.verify.successText')}
        >
          <Link to={me ? '/panel' : '/login'} className={buttonVariants({ size: 'lg' })}>
            {me ? t('auth.verify.goToPanel') : t('auth.verify.login')}
          </Link>
        </AuthCard>
      ) : problem ? (
        <AuthCard
          icon={MailX}
          iconTone="danger"
          title={t('auth.verify.invalidTitle')}
          subtitle={t(`auth.verify.${problem}Text`)}
        >
          <div className="flex flex-col gap-2">
            <Link to="/resend-verification" className={buttonVariants({ size: 'lg' })}>
              {t('auth.verify.requestNew')}
            </Link>
            <Link
              to={me ? '/panel' : '/login'}
              className={buttonVariants({ variant: 'outline', size: 'lg' })}
            >
              {me ? t('auth.verify.goToPanel') : t('auth.verify.login')}
            </Link>
          </div>
        </AuthCard>
      ) : (
        <div className="mx-auto max-w-md px-4 py-16">
          <ErrorState error={verification.error} onRetry={() => void verification.refetch()} />
        </div>
      )}
    </>
  );
}
