CREATE TABLE "customer_ledger_months" (
	"month" date PRIMARY KEY NOT NULL,
	"customers" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_ledger_now" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"customers" integer NOT NULL,
	CONSTRAINT "customer_ledger_now_one_row" CHECK ("customer_ledger_now"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "service_ledger" (
	"vps_instance_id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"product_key" varchar(36) NOT NULL,
	"region_key" varchar(20) NOT NULL,
	"currency" varchar(3) NOT NULL,
	"months" integer NOT NULL,
	"price_minor" bigint NOT NULL,
	"cost_minor" bigint NOT NULL,
	"active" boolean NOT NULL,
	"live" boolean NOT NULL,
	"suspended" boolean NOT NULL,
	"active_from" date,
	"active_until" date,
	"suspended_from" date,
	"suspended_until" date
);
--> statement-breakpoint
CREATE TABLE "service_ledger_months" (
	"month" date NOT NULL,
	"currency" varchar(3) NOT NULL,
	"months" integer NOT NULL,
	"services_active" integer NOT NULL,
	"services_suspended" integer NOT NULL,
	"price_minor" bigint NOT NULL,
	"cost_minor" bigint NOT NULL,
	CONSTRAINT "service_ledger_months_month_currency_months_pk" PRIMARY KEY("month","currency","months")
);
--> statement-breakpoint
CREATE TABLE "service_ledger_now" (
	"product_key" varchar(36) NOT NULL,
	"region_key" varchar(20) NOT NULL,
	"currency" varchar(3) NOT NULL,
	"months" integer NOT NULL,
	"services_active" integer NOT NULL,
	"services_live" integer NOT NULL,
	"services_suspended" integer NOT NULL,
	"price_minor" bigint NOT NULL,
	"cost_minor" bigint NOT NULL,
	CONSTRAINT "service_ledger_now_product_key_region_key_currency_months_pk" PRIMARY KEY("product_key","region_key","currency","months")
);
--> statement-breakpoint
CREATE TABLE "customer_signup_months" (
	"month" date PRIMARY KEY NOT NULL,
	"customers" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "unpaid_invoice_days" (
	"day" date PRIMARY KEY NOT NULL,
	"invoices" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "service_ledger" ADD CONSTRAINT "service_ledger_vps_instance_id_vps_instances_id_fk" FOREIGN KEY ("vps_instance_id") REFERENCES "public"."vps_instances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "service_ledger_user_idx" ON "service_ledger" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "orders_pending_until_idx" ON "orders" USING btree (least(coalesce("paid_at", 'infinity'::timestamptz), coalesce("cancelled_at", 'infinity'::timestamptz)),"created_at");--> statement-breakpoint
CREATE INDEX "orders_fulfilment_until_idx" ON "orders" USING btree (least(coalesce("completed_at", 'infinity'::timestamptz), coalesce("cancelled_at", 'infinity'::timestamptz)),"paid_at");--> statement-breakpoint
CREATE INDEX "vps_instances_order_idx" ON "vps_instances" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "invoices_overdue_idx" ON "invoices" USING btree ("due_at") WHERE "invoices"."type" = 'invoice' and "invoices"."status" in ('issued', 'overdue');--> statement-breakpoint
-- hand-written
-- #18: the service ledger (see db/schema/service-ledger.ts) is kept by the database itself, as the sales ledger is
-- (migration 0005): `service_ledger_sync` recomputes a service's row whenever the service, its order's price or its
-- plan's price changes, in the same transaction, whichever code (or SQL) writes it, and moves the sums the console
-- reads (figures now, per plan and per region, and their value at any month start) by the row's old and new values.
--
-- The first month start (UTC) after an instant. For a month start T: T > at ⇔ T >= utc_month_after(at), and
-- T <= at ⇔ T < utc_month_after(at).
CREATE FUNCTION utc_month_after(at timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (date_trunc('month', at AT TIME ZONE 'UTC') + interval '1 month')::date
$$;--> statement-breakpoint
-- What each service contributes, computed from the source tables (the dashboard's definitions):
-- - monthly price: the order's price (subtotal + region surcharge + licence) over its months when the order's period
--   is the service's, else the plan's monthly price; in the order's currency, else the plan's; cost: the plan's;
-- - now: active (service status), live (active, server running or stopped), suspended;
-- - at a month start T, active: assigned (else created) before T, not terminated before T, not suspended before T
--   (a service reactivated since has its suspension cleared, so this is a lower bound); suspended: assigned and
--   suspended before T, not terminated before T. A service neither active nor suspended now counts at T only when
--   its termination is recorded (at or after T).
CREATE VIEW service_ledger_source AS
SELECT
  v.id AS vps_instance_id,
  v.user_id,
  coalesce(v.product_id::text, '') AS product_key,
  coalesce(v.region, '') AS region_key,
  coalesce(o.currency, p.currency, '') AS currency,
  CASE WHEN o.period_months = v.period_months THEN o.period_months ELSE 1 END AS months,
  CASE WHEN o.period_months = v.period_months
    THEN o.subtotal_minor::bigint + o.region_surcharge_minor + o.license_fee_minor
    ELSE coalesce(p.selling_price_minor, 0)::bigint
  END AS price_minor,
  coalesce(p.cost_minor, 0)::bigint AS cost_minor,
  v.service_status = 'active' AS active,
  v.service_status = 'active' AND v.status IN ('running', 'stopped') AS live,
  v.service_status = 'suspended' AS suspended,
  CASE WHEN a.until IS NULL OR a.since < a.until THEN a.since END AS active_from,
  CASE WHEN a.until IS NULL OR a.since < a.until THEN a.until END AS active_until,
  CASE WHEN v.suspended_at IS NOT NULL AND (s.until IS NULL OR s.since < s.until) THEN s.since END AS suspended_from,
  CASE WHEN v.suspended_at IS NOT NULL AND (s.until IS NULL OR s.since < s.until) THEN s.until END AS suspended_until
FROM vps_instances v
LEFT JOIN orders o ON o.id = v.order_id
LEFT JOIN products p ON p.id = v.product_id
CROSS JOIN LATERAL (
  SELECT coalesce(v.assigned_at, v.created_at) AS start_at,
    CASE WHEN v.service_status IN ('active', 'suspended') THEN v.terminated_at
      ELSE coalesce(v.terminated_at, '-infinity'::timestamptz) END AS end_at
) b
CROSS JOIN LATERAL (
  SELECT utc_month_after(b.start_at) AS since, utc_month_after(least(b.end_at, v.suspended_at)) AS until
) a
CROSS JOIN LATERAL (
  SELECT utc_month_after(greatest(b.start_at, v.suspended_at)) AS since, utc_month_after(b.end_at) AS until
) s;--> statement-breakpoint
-- Adds `sign` times the given services' ledger rows to the sums (in key order, so two transactions touching the same
-- sums lock them in the same order), dropping the sums it leaves at zero.
CREATE FUNCTION service_ledger_add(ids uuid[], sign integer) RETURNS void LANGUAGE plpgsql
  SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  INSERT INTO service_ledger_now AS n (product_key, region_key, currency, months, services_active, services_live,
    services_suspended, price_minor, cost_minor)
  SELECT l.product_key, l.region_key, l.currency, l.months, sign * count(*) FILTER (WHERE l.active),
    sign * count(*) FILTER (WHERE l.live), sign * count(*) FILTER (WHERE l.suspended),
    sign * coalesce(sum(l.price_minor) FILTER (WHERE l.active), 0),
    sign * coalesce(sum(l.cost_minor) FILTER (WHERE l.active), 0)
  FROM service_ledger l
  WHERE l.vps_instance_id = ANY (ids) AND (l.active OR l.suspended)
  GROUP BY 1, 2, 3, 4
  ORDER BY 1, 2, 3, 4
  ON CONFLICT (product_key, region_key, currency, months) DO UPDATE SET
    services_active = n.services_active + excluded.services_active,
    services_live = n.services_live + excluded.services_live,
    services_suspended = n.services_suspended + excluded.services_suspended,
    price_minor = n.price_minor + excluded.price_minor,
    cost_minor = n.cost_minor + excluded.cost_minor;
  DELETE FROM service_ledger_now n
  USING (SELECT DISTINCT l.product_key, l.region_key, l.currency, l.months FROM service_ledger l
    WHERE l.vps_instance_id = ANY (ids)) k
  WHERE n.services_active = 0 AND n.services_suspended = 0 AND n.product_key = k.product_key
    AND n.region_key = k.region_key AND n.currency = k.currency AND n.months = k.months;
  INSERT INTO service_ledger_months AS m (month, currency, months, services_active, services_suspended, price_minor,
    cost_minor)
  SELECT e.month, l.currency, l.months, sign * sum(e.active), sign * sum(e.suspended),
    sign * sum(e.active * l.price_minor), sign * sum(e.active * l.cost_minor)
  FROM service_ledger l
  CROSS JOIN LATERAL (VALUES (l.active_from, 1, 0), (l.active_until, -1, 0), (l.suspended_from, 0, 1),
    (l.suspended_until, 0, -1)) e (month, active, suspended)
  WHERE l.vps_instance_id = ANY (ids) AND e.month IS NOT NULL
  GROUP BY 1, 2, 3
  ORDER BY 1, 2, 3
  ON CONFLICT (month, currency, months) DO UPDATE SET
    services_active = m.services_active + excluded.services_active,
    services_suspended = m.services_suspended + excluded.services_suspended,
    price_minor = m.price_minor + excluded.price_minor,
    cost_minor = m.cost_minor + excluded.cost_minor;
  DELETE FROM service_ledger_months m
  USING (SELECT DISTINCT e.month, l.currency, l.months FROM service_ledger l
    CROSS JOIN LATERAL (VALUES (l.active_from), (l.active_until), (l.suspended_from), (l.suspended_until)) e (month)
    WHERE l.vps_instance_id = ANY (ids) AND e.month IS NOT NULL) k
  WHERE m.services_active = 0 AND m.services_suspended = 0 AND m.price_minor = 0 AND m.cost_minor = 0
    AND m.month = k.month AND m.currency = k.currency AND m.months = k.months;
END
$$;--> statement-breakpoint
-- Adds `sign` times these customers' part of the customer counts: now, one if any of their services is active; at
-- each month start, one from the first at which one of their services was active to the first at which none was.
CREATE FUNCTION customer_ledger_add(users uuid[], sign integer) RETURNS void LANGUAGE plpgsql
  SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  INSERT INTO customer_ledger_months AS c (month, customers)
  SELECT d.month, sign * sum(d.delta)
  FROM (
    SELECT r.month,
      (r.services > 0)::int - coalesce(lag((r.services > 0)::int) OVER (PARTITION BY r.user_id ORDER BY r.month), 0)
        AS delta
    FROM (
      SELECT l.user_id, e.month, sum(sum(e.delta)) OVER (PARTITION BY l.user_id ORDER BY e.month) AS services
      FROM service_ledger l
      CROSS JOIN LATERAL (VALUES (l.active_from, 1), (l.active_until, -1)) e (month, delta)
      WHERE l.user_id = ANY (users) AND e.month IS NOT NULL
      GROUP BY l.user_id, e.month
    ) r
  ) d
  WHERE d.delta <> 0
  GROUP BY d.month
  ORDER BY d.month
  ON CONFLICT (month) DO UPDATE SET customers = c.customers + excluded.customers;
  DELETE FROM customer_ledger_months WHERE customers = 0;
  INSERT INTO customer_ledger_now AS c (id, customers)
  SELECT 1, sign * count(DISTINCT l.user_id) FROM service_ledger l WHERE l.user_id = ANY (users) AND l.active
  HAVING count(*) > 0
  ON CONFLICT (id) DO UPDATE SET customers = c.customers + excluded.customers;
END
$$;--> statement-breakpoint
-- Recomputes these services' ledger rows from the source tables and moves the sums by the difference; `keep` false:
-- the services are being deleted. A customer's counts depend on all their services, so they are recomputed one
-- transaction at a time per customer (an advisory lock), and only when an owner, a state or the active months change.
CREATE FUNCTION service_ledger_sync(ids uuid[], keep boolean DEFAULT true) RETURNS void LANGUAGE plpgsql
  SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  users uuid[];
BEGIN
  -- One change of a service at a time: the statements below see its row as the last transaction left it.
  PERFORM 1 FROM service_ledger l WHERE l.vps_instance_id = ANY (ids) ORDER BY l.vps_instance_id FOR UPDATE;
  SELECT array_agg(DISTINCT x.user_id ORDER BY x.user_id) INTO users
  FROM (SELECT * FROM service_ledger WHERE vps_instance_id = ANY (ids)) o
  FULL JOIN (SELECT * FROM service_ledger_source WHERE keep AND vps_instance_id = ANY (ids)) n
    ON n.vps_instance_id = o.vps_instance_id
  CROSS JOIN LATERAL (VALUES (o.user_id), (n.user_id)) x (user_id)
  WHERE x.user_id IS NOT NULL
    AND (o.user_id, o.active, o.active_from, o.active_until)
      IS DISTINCT FROM (n.user_id, n.active, n.active_from, n.active_until);
  IF users IS NOT NULL THEN
    PERFORM pg_advisory_xact_lock(18, hashtext(u::text)) FROM unnest(users) AS u;
    PERFORM customer_ledger_add(users, -1);
  END IF;
  PERFORM service_ledger_add(ids, -1);
  IF NOT keep THEN
    DELETE FROM service_ledger WHERE vps_instance_id = ANY (ids);
  END IF;
  INSERT INTO service_ledger AS l (vps_instance_id, user_id, product_key, region_key, currency, months, price_minor,
    cost_minor, active, live, suspended, active_from, active_until, suspended_from, suspended_until)
  SELECT vps_instance_id, user_id, product_key, region_key, currency, months, price_minor, cost_minor, active, live,
    suspended, active_from, active_until, suspended_from, suspended_until
  FROM service_ledger_source WHERE keep AND vps_instance_id = ANY (ids)
  ON CONFLICT (vps_instance_id) DO UPDATE SET user_id = excluded.user_id, product_key = excluded.product_key,
    region_key = excluded.region_key, currency = excluded.currency, months = excluded.months,
    price_minor = excluded.price_minor, cost_minor = excluded.cost_minor, active = excluded.active,
    live = excluded.live, suspended = excluded.suspended, active_from = excluded.active_from,
    active_until = excluded.active_until, suspended_from = excluded.suspended_from,
    suspended_until = excluded.suspended_until;
  PERFORM service_ledger_add(ids, 1);
  IF users IS NOT NULL THEN
    PERFORM customer_ledger_add(users, 1);
  END IF;
END
$$;--> statement-breakpoint
CREATE FUNCTION service_ledger_service_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM service_ledger_sync(ARRAY[NEW.id]);
  RETURN NULL;
END
$$;--> statement-breakpoint
-- A deleted service leaves the sums first (its ledger row goes with it).
CREATE FUNCTION service_ledger_service_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM service_ledger_sync(ARRAY[OLD.id], false);
  RETURN OLD;
END
$$;--> statement-breakpoint
-- An order's or a plan's price moves the services priced by it.
CREATE FUNCTION service_ledger_order_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM service_ledger_sync(ARRAY(SELECT v.id FROM vps_instances v WHERE v.order_id = NEW.id ORDER BY v.id));
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE FUNCTION service_ledger_product_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM service_ledger_sync(ARRAY(SELECT v.id FROM vps_instances v WHERE v.product_id = NEW.id ORDER BY v.id));
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER service_ledger_service_inserted AFTER INSERT ON vps_instances FOR EACH ROW
  EXECUTE FUNCTION service_ledger_service_changed();--> statement-breakpoint
-- Only what the ledger reads: the sync's passes (last seen, IPs, running ⇄ stopped) cost nothing.
CREATE TRIGGER service_ledger_service_updated
  AFTER UPDATE OF user_id, order_id, product_id, status, service_status, region, period_months, assigned_at,
    created_at, suspended_at, terminated_at ON vps_instances FOR EACH ROW
  WHEN ((OLD.user_id, OLD.order_id, OLD.product_id, OLD.status IN ('running', 'stopped'), OLD.service_status,
      OLD.region, OLD.period_months, OLD.assigned_at, OLD.created_at, OLD.suspended_at, OLD.terminated_at)
    IS DISTINCT FROM (NEW.user_id, NEW.order_id, NEW.product_id, NEW.status IN ('running', 'stopped'),
      NEW.service_status, NEW.region, NEW.period_months, NEW.assigned_at, NEW.created_at, NEW.suspended_at,
      NEW.terminated_at))
  EXECUTE FUNCTION service_ledger_service_changed();--> statement-breakpoint
CREATE TRIGGER service_ledger_service_deleted BEFORE DELETE ON vps_instances FOR EACH ROW
  EXECUTE FUNCTION service_ledger_service_deleted();--> statement-breakpoint
CREATE TRIGGER service_ledger_order_updated
  AFTER UPDATE OF currency, period_months, subtotal_minor, region_surcharge_minor, license_fee_minor ON orders
  FOR EACH ROW
  WHEN ((OLD.currency, OLD.period_months, OLD.subtotal_minor, OLD.region_surcharge_minor, OLD.license_fee_minor)
    IS DISTINCT FROM (NEW.currency, NEW.period_months, NEW.subtotal_minor, NEW.region_surcharge_minor,
      NEW.license_fee_minor))
  EXECUTE FUNCTION service_ledger_order_changed();--> statement-breakpoint
CREATE TRIGGER service_ledger_product_updated
  AFTER UPDATE OF currency, selling_price_minor, cost_minor ON products FOR EACH ROW
  WHEN ((OLD.currency, OLD.selling_price_minor, OLD.cost_minor)
    IS DISTINCT FROM (NEW.currency, NEW.selling_price_minor, NEW.cost_minor))
  EXECUTE FUNCTION service_ledger_product_changed();--> statement-breakpoint
-- Rebuilds the ledger and its sums from the source tables: the backfill below, and the way back after a bulk load
-- that ran with triggers off (session_replication_role = replica).
CREATE FUNCTION service_ledger_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- Fresh statistics first (right after a bulk load the planner would take the tables for empty).
  ANALYZE vps_instances, orders, products;
  DELETE FROM customer_ledger_now;
  DELETE FROM customer_ledger_months;
  DELETE FROM service_ledger_months;
  DELETE FROM service_ledger_now;
  DELETE FROM service_ledger;
  INSERT INTO service_ledger (vps_instance_id, user_id, product_key, region_key, currency, months, price_minor,
    cost_minor, active, live, suspended, active_from, active_until, suspended_from, suspended_until)
  SELECT vps_instance_id, user_id, product_key, region_key, currency, months, price_minor, cost_minor, active, live,
    suspended, active_from, active_until, suspended_from, suspended_until
  FROM service_ledger_source;
  ANALYZE service_ledger;
  INSERT INTO customer_ledger_now (id, customers) VALUES (1, 0);
  PERFORM service_ledger_add(ARRAY(SELECT vps_instance_id FROM service_ledger), 1);
  PERFORM customer_ledger_add(ARRAY(SELECT DISTINCT user_id FROM service_ledger), 1);
END
$$;--> statement-breakpoint
-- Backfill: every service that exists today.
SELECT service_ledger_rebuild();--> statement-breakpoint
-- Unpaid invoices per due day (db/schema/console-counts.ts): an invoice leaves its day when it is paid, voided,
-- deleted or its due date moves, and joins the new one.
CREATE FUNCTION unpaid_invoice_days_add(due timestamptz, delta integer) RETURNS void LANGUAGE sql AS $$
  INSERT INTO unpaid_invoice_days AS d (day, invoices) VALUES ((due AT TIME ZONE 'UTC')::date, delta)
  ON CONFLICT (day) DO UPDATE SET invoices = d.invoices + excluded.invoices;
  DELETE FROM unpaid_invoice_days WHERE day = (due AT TIME ZONE 'UTC')::date AND invoices = 0;
$$;--> statement-breakpoint
CREATE FUNCTION unpaid_invoice_days_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.type = 'invoice' AND OLD.status IN ('issued', 'overdue')
      AND OLD.due_at IS NOT NULL THEN
    PERFORM unpaid_invoice_days_add(OLD.due_at, -1);
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.type = 'invoice' AND NEW.status IN ('issued', 'overdue')
      AND NEW.due_at IS NOT NULL THEN
    PERFORM unpaid_invoice_days_add(NEW.due_at, 1);
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER unpaid_invoice_days_inserted AFTER INSERT ON invoices FOR EACH ROW
  WHEN (NEW.type = 'invoice' AND NEW.status IN ('issued', 'overdue') AND NEW.due_at IS NOT NULL)
  EXECUTE FUNCTION unpaid_invoice_days_changed();--> statement-breakpoint
CREATE TRIGGER unpaid_invoice_days_updated AFTER UPDATE OF type, status, due_at ON invoices FOR EACH ROW
  WHEN ((OLD.type, OLD.status, OLD.due_at) IS DISTINCT FROM (NEW.type, NEW.status, NEW.due_at))
  EXECUTE FUNCTION unpaid_invoice_days_changed();--> statement-breakpoint
CREATE TRIGGER unpaid_invoice_days_deleted AFTER DELETE ON invoices FOR EACH ROW
  WHEN (OLD.type = 'invoice' AND OLD.status IN ('issued', 'overdue') AND OLD.due_at IS NOT NULL)
  EXECUTE FUNCTION unpaid_invoice_days_changed();--> statement-breakpoint
-- Recounts from the invoices: the backfill below, and the way back after a bulk load with triggers off.
CREATE FUNCTION unpaid_invoice_days_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM unpaid_invoice_days;
  INSERT INTO unpaid_invoice_days (day, invoices)
  SELECT (i.due_at AT TIME ZONE 'UTC')::date, count(*)
  FROM invoices i
  WHERE i.type = 'invoice' AND i.status IN ('issued', 'overdue') AND i.due_at IS NOT NULL
  GROUP BY 1;
$$;--> statement-breakpoint
SELECT unpaid_invoice_days_rebuild();--> statement-breakpoint
-- Customers per sign-up month (db/schema/console-counts.ts): a user counts in their month while their role is
-- `customer`.
CREATE FUNCTION customer_signup_months_add(created timestamptz, delta integer) RETURNS void LANGUAGE sql AS $$
  INSERT INTO customer_signup_months AS m (month, customers)
  VALUES (date_trunc('month', created AT TIME ZONE 'UTC')::date, delta)
  ON CONFLICT (month) DO UPDATE SET customers = m.customers + excluded.customers;
  DELETE FROM customer_signup_months
  WHERE month = date_trunc('month', created AT TIME ZONE 'UTC')::date AND customers = 0;
$$;--> statement-breakpoint
CREATE FUNCTION customer_signup_months_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.role = 'customer' THEN
    PERFORM customer_signup_months_add(OLD.created_at, -1);
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.role = 'customer' THEN
    PERFORM customer_signup_months_add(NEW.created_at, 1);
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER customer_signup_months_inserted AFTER INSERT ON users FOR EACH ROW
  WHEN (NEW.role = 'customer')
  EXECUTE FUNCTION customer_signup_months_changed();--> statement-breakpoint
CREATE TRIGGER customer_signup_months_updated AFTER UPDATE OF role, created_at ON users FOR EACH ROW
  WHEN ((OLD.role, OLD.created_at) IS DISTINCT FROM (NEW.role, NEW.created_at))
  EXECUTE FUNCTION customer_signup_months_changed();--> statement-breakpoint
CREATE TRIGGER customer_signup_months_deleted AFTER DELETE ON users FOR EACH ROW
  WHEN (OLD.role = 'customer')
  EXECUTE FUNCTION customer_signup_months_changed();--> statement-breakpoint
-- Recounts from the users: the backfill below, and the way back after a bulk load with triggers off.
CREATE FUNCTION customer_signup_months_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM customer_signup_months;
  INSERT INTO customer_signup_months (month, customers)
  SELECT date_trunc('month', u.created_at AT TIME ZONE 'UTC')::date, count(*)
  FROM users u
  WHERE u.role = 'customer'
  GROUP BY 1;
$$;--> statement-breakpoint
SELECT customer_signup_months_rebuild();
