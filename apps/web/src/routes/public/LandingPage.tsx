import { ArrowRight, CreditCard, MapPin, Mail, Phone, Server, ShoppingCart } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useProducts, useRegions, useSite } from '../../api/catalog.ts';
import { CurrencyNote } from '../../components/catalog/CurrencyNote.tsx';
import type { PeriodMonths, ProductQuery } from '../../api/models.ts';
import { PeriodSelector } from '../../components/catalog/PeriodSelector.tsx';
import { PlanCard, PlanCardSkeleton } from '../../components/catalog/PlanCard.tsx';
import { maxDiscounts } from '../../components/catalog/pricing.ts';
import { buttonVariants } from '../../components/ui/Button.tsx';
import { Card } from '../../components/ui/Card.tsx';
import { ErrorState } from '../../components/ui/ErrorState.tsx';
import { Skeleton } from '../../components/ui/Skeleton.tsx';
import { useFormat } from '../../lib/format.ts';
import { useRegionText } from '../../lib/regions.ts';

// Same query as the pricing page's default view, so both pages share the cached list.
const ALL_PLANS: ProductQuery = { sort: 'price', page: 1, pageSize: 20 };

export function LandingPage() {
  const { t } = useTranslation();
  return (
    <>
      <title>{t('landing.documentTitle')}</title>
      <Hero />
      <PlansSection />
      <RegionsSection />
      <HowItWorks />
      <Faq />
      <SupportSection />
    </>
  );
}

function Section({
  id,
  title,
  intro,
  children,
}: {
  id: string;
  title: string;
  intro?: string;
  children: ReactNode;
}) {
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="scroll-mt-20 py-14 sm:py-16">
      <div className="mx-auto max-w-6xl px-4 sm:px-6">
        <h2 id={`${id}-title`} className="text-2xl font-bold tracking-tight sm:text-3xl">
          {title}
        </h2>
        {intro && <p className="mt-2 max-w-2xl text-muted-foreground">{intro}</p>}
        <div className="mt-8">{children}</div>
      </div>
    </section>
  );
}

function Hero() {
  const { t } = useTranslation();
  const format = useFormat();
  const products = useProducts(ALL_PLANS);
  const regions = useRegions();
  const items = products.data?.items ?? [];
  const cheapest = items.reduce<(typeof items)[number] | undefined>(
    (best, p) => (!best || p.fromMonthlyMinor < best.fromMonthlyMinor ? p : best),
    undefined,
  );
  const bestDiscount = Math.max(0, ...Object.values(maxDiscounts(items)));

  return (
    <section className="border-b border-border bg-gradient-to-b from-accent/60 to-background">
      <div className="mx-auto grid max-w-6xl gap-8 px-4 py-14 sm:px-6 sm:py-20 lg:grid-cols-[1fr_18rem] lg:items-center lg:gap-16">
        <div className="max-w-3xl">
          <h1 className="text-3xl font-bold tracking-tight text-balance sm:text-5xl">
            {t('landing.hero.title')}
          </h1>
          <p className="mt-4 text-lg text-pretty text-muted-foreground">{t('landing.hero.subtitle')}</p>
          <div className="mt-8 flex flex-col gap-3 sm:flex-row">
            <Link to="/pricing" className={buttonVariants({ size: 'lg' })}>
              {t('landing.hero.ctaPlans')}
              <ArrowRight aria-hidden="true" />
            </Link>
            <Link to="/register" className={buttonVariants({ size: 'lg', variant: 'outline' })}>
              {t('nav.register')}
            </Link>
          </div>
        </div>
        <dl className="grid max-w-3xl grid-cols-1 gap-3 sm:grid-cols-3 lg:grid-cols-1">
          <Fact label={t('landing.hero.factFrom')} loading={products.isPending}>
            {cheapest &&
              `${format.money(cheapest.fromMonthlyMinor, cheapest.currency)}${t('price.perMonth')}`}
          </Fact>
          <Fact label={t('landing.hero.factRegions')} loading={regions.isPending}>
            {regions.data && t('landing.hero.regionsValue', { count: regions.data.total })}
          </Fact>
          <Fact label={t('landing.hero.factDiscount')} loading={products.isPending}>
            {bestDiscount > 0 && t('landing.hero.discountValue', { percent: bestDiscount })}
          </Fact>
        </dl>
      </div>
    </section>
  );
}

function Fact({ label, loading, children }: { label: string; loading: boolean; children: ReactNode }) {
  return (
    <div className="rounded-xl border border-border bg-card/80 px-4 py-3">
      <dt className="text-xs font-medium tracking-wide text-muted-foreground uppercase">{label}</dt>
      <dd className="mt-1 flex min-h-7 items-center text-lg font-semibold">
        {loading ? <Skeleton className="h-6 w-28" /> : (children ?? '—')}
      </dd>
    </div>
  );
}

function PlansSection() {
  const { t } = useTranslation();
  const [period, setPeriod] = useState<PeriodMonths>(1);
  const { data, isPending, isError, error, refetch } = useProducts(ALL_PLANS);

  return (
    <Section id="planes" title={t('landing.plans.title')} intro={t('landing.plans.intro')}>
      <div className="mb-6 flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <PeriodSelector
          value={period}
          onChange={setPeriod}
          discounts={maxDiscounts(data?.items ?? [])}
          className="w-full sm:max-w-sm"
        />
        <Link to="/compare" className={buttonVariants({ variant: 'outline' })}>
          {t('landing.plans.compare')}
          <ArrowRight aria-hidden="true" />
        </Link>
      </div>
      {isError ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : (
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4" aria-busy={isPending}>
          {isPending
            ? Array.from({ length: 8 }, (_, i) => <PlanCardSkeleton key={i} />)
            : data.items.map((product) => <PlanCard key={product.id} product={product} period={period} />)}
        </div>
      )}
      <CurrencyNote />
    </Section>
  );
}

function RegionsSection() {
  const { t } = useTranslation();
  const regionText = useRegionText();
  const { data, isPending, isError, error, refetch } = useRegions();
  return (
    <Section id="regiones" title={t('landing.regions.title')} intro={t('landing.regions.intro')}>
      {isError ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : (
        <ul className="grid grid-cols-1 gap-3 min-[400px]:grid-cols-2 md:grid-cols-3" aria-busy={isPending}>
          {isPending
            ? Array.from({ length: 9 }, (_, i) => (
                <li key={i}>
                  <Skeleton className="h-[4.25rem] w-full rounded-xl" />
                </li>
              ))
            : data.items.map((region) => (
                <li
                  key={region.code}
                  className="flex items-center gap-3 rounded-xl border border-border bg-card px-4 py-3"
                >
                  <MapPin aria-hidden="true" className="size-5 shrink-0 text-primary" />
                  <div className="min-w-0">
                    <p className="font-medium">{regionText.name(region.code, region.name)}</p>
                    <p className="text-sm text-muted-foreground">
                      {regionText.location(region.code, region.location)}
                    </p>
                  </div>
                </li>
              ))}
        </ul>
      )}
    </Section>
  );
}

function HowItWorks() {
  const { t } = useTranslation();
  const steps = [
    { icon: ShoppingCart, title: t('landing.how.step1.title'), text: t('landing.how.step1.text') },
    { icon: CreditCard, title: t('landing.how.step2.title'), text: t('landing.how.step2.text') },
    { icon: Server, title: t('landing.how.step3.title'), text: t('landing.how.step3.text') },
  ];
  return (
    <div className="border-y border-border bg-card">
      <Section id="como-funciona" title={t('landing.how.title')}>
        <ol className="grid gap-4 md:grid-cols-3">
          {steps.map((step, index) => (
            <li key={step.title} className="flex gap-4 rounded-xl border border-border bg-background p-5">
              <span
                aria-hidden="true"
                className="flex size-10 shrink-0 items-center justify-center rounded-full bg-primary font-bold text-primary-foreground"
              >
                {index + 1}
              </span>
              <div>
                <h3 className="flex items-center gap-2 font-semibold">
                  <step.icon aria-hidden="true" className="size-4 text-muted-foreground" />
                  {step.title}
                </h3>
                <p className="mt-1 text-sm text-muted-foreground">{step.text}</p>
              </div>
            </li>
          ))}
        </ol>
      </Section>
    </div>
  );
}

const FAQ_KEYS = ['vps', 'ready', 'periods', 'panel', 'renewal', 'currency'] as const;

function Faq() {
  const { t } = useTranslation();
  const { data: site } = useSite();
  const currency = site?.currency ?? 'USD';
  return (
    <Section id="preguntas" title={t('landing.faq.title')}>
      <div className="flex max-w-3xl flex-col gap-3">
        {FAQ_KEYS.map((key) => (
          <details key={key} className="group rounded-xl border border-border bg-card open:shadow-sm">
            <summary className="flex min-h-12 cursor-pointer list-none items-center justify-between gap-4 rounded-xl px-5 py-3 font-medium [&::-webkit-details-marker]:hidden">
              {t(`landing.faq.items.${key}.q`)}
              <span
                aria-hidden="true"
                className="text-xl leading-none text-muted-foreground transition-transform group-open:rotate-45"
              >
                +
              </span>
            </summary>
            <p className="px-5 pb-4 text-sm text-muted-foreground">
              {t(`landing.faq.items.${key}.a`, { currency })}
            </p>
          </details>
        ))}
      </div>
    </Section>
  );
}

function SupportSection() {
  const { t } = useTranslation();
  const { data: site, isPending } = useSite();
  return (
    <Section id="soporte" title={t('landing.support.title')} intro={t('landing.support.intro')}>
      <Card className="flex max-w-3xl flex-col gap-2 p-5 sm:flex-row sm:gap-6">
        {isPending || !site ? (
          <>
            <Skeleton className="h-10 w-56" />
            <Skeleton className="h-10 w-40" />
          </>
        ) : (
          <>
            <a
              href={`mailto:${site.supportEmail}`}
              className="inline-flex min-h-10 items-center gap-2 font-medium break-all text-primary hover:underline"
            >
              <Mail aria-hidden="true" className="size-5 shrink-0" />
              {site.supportEmail}
            </a>
            <a
              href={`tel:${site.company.phone.replace(/[^+\d]/g, '')}`}
              className="inline-flex min-h-10 items-center gap-2 font-medium text-primary hover:underline"
            >
              <Phone aria-hidden="true" className="size-5 shrink-0" />
              {site.company.phone}
            </a>
          </>
        )}
      </Card>
    </Section>
  );
}
