CREATE TABLE "sales_ledger" (
	"document_id" uuid PRIMARY KEY NOT NULL,
	"type" varchar(20) NOT NULL,
	"user_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"currency" varchar(3) NOT NULL,
	"total_minor" integer NOT NULL,
	"tax_minor" integer NOT NULL,
	"cost_minor" bigint NOT NULL,
	"pay_currency" varchar(3),
	"pay_total_minor" bigint,
	"pay_tax_minor" bigint,
	"pay_cost_minor" bigint,
	"method" varchar(30) NOT NULL,
	"kind" varchar(10) NOT NULL,
	"product_id" uuid,
	"region" varchar(20),
	"country" text
);
--> statement-breakpoint
CREATE TABLE "sales_ledger_months" (
	"month" date NOT NULL,
	"product_key" varchar(36) NOT NULL,
	"type" varchar(20) NOT NULL,
	"currency" varchar(3) NOT NULL,
	"pay_currency" varchar(3) NOT NULL,
	"documents" integer NOT NULL,
	"total_minor" bigint NOT NULL,
	"tax_minor" bigint NOT NULL,
	"cost_minor" bigint NOT NULL,
	"pay_total_minor" bigint NOT NULL,
	"pay_tax_minor" bigint NOT NULL,
	"pay_cost_minor" bigint NOT NULL,
	CONSTRAINT "sales_ledger_months_month_product_key_type_currency_pay_currency_pk" PRIMARY KEY("month","product_key","type","currency","pay_currency")
);
--> statement-breakpoint
ALTER TABLE "sales_ledger" ADD CONSTRAINT "sales_ledger_document_id_invoices_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."invoices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sales_ledger_at_idx" ON "sales_ledger" USING btree ("at");--> statement-breakpoint
CREATE INDEX "sales_ledger_user_idx" ON "sales_ledger" USING btree ("user_id","at");--> statement-breakpoint
CREATE INDEX "sales_ledger_currency_idx" ON "sales_ledger" USING btree ("currency","at");
--> statement-breakpoint
-- hand-written
-- #18: the sales ledger (see db/schema/sales-ledger.ts) is kept by the database itself. A document's row is
-- recomputed by `sales_ledger_sync` whenever the document or the payment behind it changes, in the same
-- transaction, whichever code (or SQL) writes it; reports then read one indexed table instead of joining invoices,
-- transactions, orders, services and the catalog on every request.
--
-- Minor digits of a currency: the same table as `MINOR_DIGITS` in lib/money.ts (a test checks they agree).
CREATE FUNCTION currency_minor_digits(code text) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE upper(code) WHEN 'JPY' THEN 0 WHEN 'CLP' THEN 0 WHEN 'PYG' THEN 0 ELSE 2 END
$$;--> statement-breakpoint
-- What each counting document contributes, computed from the source tables:
-- - paid invoices count on their payment date, credit notes (not void) on their issue date, voids never;
-- - the payment is the first succeeded payment of the invoice (a credit note looks at its invoice's): its method,
--   and its frozen exchange rate when it was charged in another currency (pay_* amounts, rounded once per document);
-- - the Contabo cost of an invoice is the cost frozen on its order, for a renewal the plan's cost for the service's
--   period (its price rule, else the monthly cost times the period), for a cart paid at once its orders' costs;
--   credit notes carry no cost (the server was bought);
-- - dimensions: plan and region of the order or service, new vs renewal, bill-to country.
CREATE VIEW sales_ledger_source AS
SELECT
  i.id AS document_id,
  i.type,
  i.user_id,
  CASE WHEN i.type = 'invoice' THEN i.paid_at ELSE i.issued_at END AS at,
  i.currency,
  i.total_minor,
  i.tax_minor,
  d.cost_minor,
  CASE WHEN fx.rate IS NOT NULL THEN p.provider_currency END AS pay_currency,
  round(i.total_minor * fx.rate)::bigint AS pay_total_minor,
  round(i.tax_minor * fx.rate)::bigint AS pay_tax_minor,
  round(d.cost_minor * fx.rate)::bigint AS pay_cost_minor,
  coalesce(p.provider, 'none') AS method,
  CASE WHEN i.order_id IS NULL AND i.vps_instance_id IS NOT NULL THEN 'renewal' ELSE 'new' END AS kind,
  coalesce(o.product_id, v.product_id) AS product_id,
  coalesce(o.region, v.region) AS region,
  nullif(i.bill_to->>'country', '') AS country
FROM invoices i
LEFT JOIN LATERAL (
  SELECT t.provider, t.provider_currency, t.exchange_rate, t.order_ids
  FROM transactions t
  WHERE t.invoice_id = coalesce(i.reference_invoice_id, i.id) AND t.kind = 'payment' AND t.status = 'succeeded'
  ORDER BY t.created_at
  LIMIT 1
) p ON true
LEFT JOIN orders o ON o.id = i.order_id
LEFT JOIN vps_instances v ON v.id = i.vps_instance_id
LEFT JOIN price_rules pr ON pr.product_id = v.product_id AND pr.period_months = v.period_months
LEFT JOIN products vp ON vp.id = v.product_id
CROSS JOIN LATERAL (
  SELECT (CASE
    WHEN i.type <> 'invoice' THEN 0
    WHEN o.id IS NOT NULL THEN o.cost_minor
    WHEN v.id IS NOT NULL THEN coalesce(pr.cost_minor, vp.cost_minor * v.period_months, 0)
    ELSE coalesce((
      SELECT sum(o2.cost_minor)
      FROM jsonb_array_elements_text(p.order_ids) AS x(order_id)
      JOIN orders o2 ON o2.id::text = x.order_id
    ), 0)
  END)::bigint AS cost_minor
) d
CROSS JOIN LATERAL (
  SELECT CASE WHEN p.provider_currency <> i.currency AND p.exchange_rate IS NOT NULL
    THEN p.exchange_rate::numeric
      * power(10::numeric, currency_minor_digits(p.provider_currency) - currency_minor_digits(i.currency))
  END AS rate
) fx
WHERE (i.type = 'invoice' AND i.status = 'paid' AND i.paid_at IS NOT NULL)
   OR (i.type = 'credit_note' AND i.status <> 'void' AND i.issued_at IS NOT NULL);--> statement-breakpoint
-- The monthly sums of the given documents' ledger rows, times `sign`, added to sales_ledger_months (in key order, so
-- two transactions touching the same months lock them in the same order), dropping sums left with no document.
-- Both run on every paid invoice and payment: their plans are made once per session (generic plans; each lookup is by
-- primary key or index), not re-planned on every call.
CREATE FUNCTION sales_ledger_months_add(ids uuid[], sign integer) RETURNS void LANGUAGE plpgsql
  SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  INSERT INTO sales_ledger_months AS m (month, product_key, type, currency, pay_currency, documents, total_minor,
    tax_minor, cost_minor, pay_total_minor, pay_tax_minor, pay_cost_minor)
  SELECT date_trunc('month', l.at AT TIME ZONE 'UTC')::date, coalesce(l.product_id::text, ''), l.type, l.currency,
    coalesce(l.pay_currency, ''), sign * count(*), sign * sum(l.total_minor), sign * sum(l.tax_minor),
    sign * sum(l.cost_minor), sign * coalesce(sum(l.pay_total_minor), 0), sign * coalesce(sum(l.pay_tax_minor), 0),
    sign * coalesce(sum(l.pay_cost_minor), 0)
  FROM sales_ledger l
  WHERE l.document_id = ANY (ids)
  GROUP BY 1, 2, 3, 4, 5
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (month, product_key, type, currency, pay_currency) DO UPDATE SET
    documents = m.documents + excluded.documents,
    total_minor = m.total_minor + excluded.total_minor,
    tax_minor = m.tax_minor + excluded.tax_minor,
    cost_minor = m.cost_minor + excluded.cost_minor,
    pay_total_minor = m.pay_total_minor + excluded.pay_total_minor,
    pay_tax_minor = m.pay_tax_minor + excluded.pay_tax_minor,
    pay_cost_minor = m.pay_cost_minor + excluded.pay_cost_minor;
  IF sign < 0 THEN
    DELETE FROM sales_ledger_months m
    USING (SELECT DISTINCT date_trunc('month', l.at AT TIME ZONE 'UTC')::date AS month,
        coalesce(l.product_id::text, '') AS product_key, l.type, l.currency, coalesce(l.pay_currency, '') AS pay_currency
      FROM sales_ledger l WHERE l.document_id = ANY (ids)) k
    WHERE m.documents = 0 AND m.month = k.month AND m.product_key = k.product_key AND m.type = k.type
      AND m.currency = k.currency AND m.pay_currency = k.pay_currency;
  END IF;
END
$$;--> statement-breakpoint
-- Recomputes the ledger rows of these documents (and their monthly sums) from the source tables.
CREATE FUNCTION sales_ledger_sync(ids uuid[]) RETURNS void LANGUAGE plpgsql
  SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  PERFORM sales_ledger_months_add(ids, -1);
  DELETE FROM sales_ledger WHERE document_id = ANY (ids);
  INSERT INTO sales_ledger (document_id, type, user_id, at, currency, total_minor, tax_minor, cost_minor,
    pay_currency, pay_total_minor, pay_tax_minor, pay_cost_minor, method, kind, product_id, region, country)
  SELECT document_id, type, user_id, at, currency, total_minor, tax_minor, cost_minor,
    pay_currency, pay_total_minor, pay_tax_minor, pay_cost_minor, method, kind, product_id, region, country
  FROM sales_ledger_source WHERE document_id = ANY (ids);
  PERFORM sales_ledger_months_add(ids, 1);
END
$$;--> statement-breakpoint
CREATE FUNCTION sales_ledger_invoice_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM sales_ledger_sync(ARRAY[NEW.id]);
  RETURN NULL;
END
$$;--> statement-breakpoint
-- A payment changes its invoice's row and its credit notes' rows (they take the invoice's method and rate).
CREATE FUNCTION sales_ledger_transaction_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  touched uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    touched := ARRAY[NEW.invoice_id];
  ELSIF TG_OP = 'DELETE' THEN
    touched := ARRAY[OLD.invoice_id];
  ELSE
    touched := ARRAY[NEW.invoice_id, OLD.invoice_id];
  END IF;
  PERFORM sales_ledger_sync(ARRAY(
    SELECT i.id FROM invoices i WHERE i.id = ANY (touched) OR i.reference_invoice_id = ANY (touched)));
  RETURN NULL;
END
$$;--> statement-breakpoint
-- A deleted document leaves the monthly sums first (its ledger row then goes with it, ON DELETE CASCADE).
CREATE FUNCTION sales_ledger_invoice_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM sales_ledger_months_add(ARRAY[OLD.id], -1);
  RETURN OLD;
END
$$;--> statement-breakpoint
CREATE TRIGGER sales_ledger_invoice_deleted BEFORE DELETE ON invoices FOR EACH ROW
  WHEN (OLD.status = 'paid' OR OLD.type = 'credit_note')
  EXECUTE FUNCTION sales_ledger_invoice_deleted();--> statement-breakpoint
-- Only documents that count (or counted) fire: issuing, numbering or reminding of unpaid invoices costs nothing.
CREATE TRIGGER sales_ledger_invoice_inserted AFTER INSERT ON invoices FOR EACH ROW
  WHEN (NEW.status = 'paid' OR NEW.type = 'credit_note')
  EXECUTE FUNCTION sales_ledger_invoice_changed();--> statement-breakpoint
CREATE TRIGGER sales_ledger_invoice_updated
  AFTER UPDATE OF type, status, paid_at, issued_at, currency, total_minor, tax_minor, order_id, vps_instance_id,
    reference_invoice_id, user_id, bill_to ON invoices FOR EACH ROW
  WHEN (NEW.status = 'paid' OR NEW.type = 'credit_note' OR OLD.status = 'paid' OR OLD.type = 'credit_note')
  EXECUTE FUNCTION sales_ledger_invoice_changed();--> statement-breakpoint
CREATE TRIGGER sales_ledger_transaction_inserted AFTER INSERT ON transactions FOR EACH ROW
  WHEN (NEW.invoice_id IS NOT NULL AND NEW.kind = 'payment')
  EXECUTE FUNCTION sales_ledger_transaction_changed();--> statement-breakpoint
CREATE TRIGGER sales_ledger_transaction_updated
  AFTER UPDATE OF invoice_id, kind, status, provider, provider_currency, exchange_rate, order_ids, created_at
    ON transactions FOR EACH ROW
  WHEN (NEW.invoice_id IS NOT NULL OR OLD.invoice_id IS NOT NULL)
  EXECUTE FUNCTION sales_ledger_transaction_changed();--> statement-breakpoint
CREATE TRIGGER sales_ledger_transaction_deleted AFTER DELETE ON transactions FOR EACH ROW
  WHEN (OLD.invoice_id IS NOT NULL)
  EXECUTE FUNCTION sales_ledger_transaction_changed();--> statement-breakpoint
-- Rebuilds the ledger and its monthly sums from the source tables in one set-based pass: the backfill below, and
-- the way back after a bulk load that ran with triggers off (session_replication_role = replica).
CREATE FUNCTION sales_ledger_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- Fresh statistics first: right after a bulk load the planner would otherwise take the tables for empty and join
  -- them by nested scans (minutes instead of seconds).
  ANALYZE invoices, transactions, orders, vps_instances, price_rules, products;
  DELETE FROM sales_ledger_months;
  DELETE FROM sales_ledger;
  INSERT INTO sales_ledger (document_id, type, user_id, at, currency, total_minor, tax_minor, cost_minor,
    pay_currency, pay_total_minor, pay_tax_minor, pay_cost_minor, method, kind, product_id, region, country)
  SELECT document_id, type, user_id, at, currency, total_minor, tax_minor, cost_minor,
    pay_currency, pay_total_minor, pay_tax_minor, pay_cost_minor, method, kind, product_id, region, country
  FROM sales_ledger_source;
  INSERT INTO sales_ledger_months (month, product_key, type, currency, pay_currency, documents, total_minor,
    tax_minor, cost_minor, pay_total_minor, pay_tax_minor, pay_cost_minor)
  SELECT date_trunc('month', l.at AT TIME ZONE 'UTC')::date, coalesce(l.product_id::text, ''), l.type, l.currency,
    coalesce(l.pay_currency, ''), count(*), sum(l.total_minor), sum(l.tax_minor), sum(l.cost_minor),
    coalesce(sum(l.pay_total_minor), 0), coalesce(sum(l.pay_tax_minor), 0), coalesce(sum(l.pay_cost_minor), 0)
  FROM sales_ledger l
  GROUP BY 1, 2, 3, 4, 5;
END
$$;--> statement-breakpoint
-- Backfill: every document that counts today.
SELECT sales_ledger_rebuild();
