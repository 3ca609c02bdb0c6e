import type { DbOrTx } from '../../db/client.ts';
import { formatMoney } from '../../lib/money.ts';
import { languageOf, regionLabel } from '../billing/billing.i18n.ts';
import type { MailService } from '../notifications/mail.service.ts';
import type { OrdersRepo } from './orders.repo.ts';

/**
 * What happens when orders become paid: the customer's confirmation and an e-mail to every admin, queued in the
 * settling transaction `tx` (as the in-app admin notification is), so a crash after the commit cannot lose them.
 */
export function createOrderEffects(deps: { repo: OrdersRepo; mail: MailService; appUrl: string }) {
  const { repo, mail, appUrl } = deps;
  return {
    async onOrdersPaid(orderIds: string[], tx: DbOrTx): Promise<void> {
      if (!orderIds.length) return;
      const rows = await repo.forPaidMail(tx, orderIds);
      if (!rows.length) return;
      const customer = rows[0]!.user;
      const language = languageOf(customer.language);
      const currency = rows[0]!.order.currency;
      // Region names and amounts in the reader's language: the customer's, or each admin's own.
      const dataIn = (lang: 'es' | 'en') => {
        const locale = lang === 'en' ? 'en-US' : 'es-419';
        return {
          name: customer.firstName || customer.name,
          orders: rows.map((r) => ({
            orderNumber: r.order.orderNumber,
            plan: r.plan,
            periodMonths: r.order.periodMonths,
            region: regionLabel(lang, r.order.region, r.regionName),
            total: formatMoney(r.order.totalMinor, r.order.currency, locale),
          })),
          total: formatMoney(
            rows.reduce((sum, r) => sum + r.order.totalMinor, 0),
            currency,
            locale,
          ),
          link: `${appUrl}/panel/orders`,
        };
      };
      await mail.queue(
        {
          to: customer.email,
          userId: customer.id,
          language,
          template: 'orders-paid',
          data: dataIn(language),
        },
        tx,
      );
      const admins = await repo.admins(tx);
      for (const admin of admins) {
        await mail.queue(
          {
            to: admin.email,
            userId: admin.id,
            language: admin.language,
            template: 'orders-paid-admin',
            data: {
              ...dataIn(languageOf(admin.language)),
              name: `${customer.name} <${customer.email}>`,
              link: `${appUrl}/admin/orders?status=paid`,
            },
          },
          tx,
        );
      }
    },
  };
}
