ALTER TABLE "images" ADD COLUMN "license_fee_minor" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "license_fee_minor" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- hand-written
-- #16-5: order history notes the server wrote in English become codes with parameters, rendered per language by the
-- web (orderNotes.<code>). Only the exact sentences the server used to write are converted; staff-typed notes stay.
UPDATE "order_status_history" SET
  "note_code" = 'paid',
  "note_params" = jsonb_build_object(
    'provider', (regexp_match("note", '^Paid with (\S+) \(payment ([^)\s]+)\)$'))[1],
    'paymentId', (regexp_match("note", '^Paid with (\S+) \(payment ([^)\s]+)\)$'))[2]),
  "note" = NULL
WHERE "note_code" IS NULL AND "note" ~ '^Paid with \S+ \(payment [^)\s]+\)$';--> statement-breakpoint
UPDATE "order_status_history" SET
  "note_code" = 'assigned_instance',
  "note_params" = jsonb_build_object('instanceId', (substring("note" from '([0-9]+)$'))::bigint),
  "note" = NULL
WHERE "note_code" IS NULL AND "note" ~ '^Assigned (Contabo )?instance [0-9]{1,18}$';--> statement-breakpoint
UPDATE "order_status_history" SET
  "note_code" = 'instance_running',
  "note_params" = jsonb_build_object('instanceId', (substring("note" from '^Contabo instance ([0-9]+)'))::bigint),
  "note" = NULL
WHERE "note_code" IS NULL AND "note" ~ '^Contabo instance [0-9]{1,18} is running$';--> statement-breakpoint
UPDATE "order_status_history" SET "note_code" = 'creating_instance', "note_params" = NULL, "note" = NULL
WHERE "note_code" IS NULL AND "note" = 'Creating the instance through the Contabo API';--> statement-breakpoint
UPDATE "order_status_history" SET
  "note_code" = 'unpaid_cancelled',
  "note_params" = jsonb_build_object('days', (substring("note" from '^Unpaid for ([0-9]+) days$'))::integer),
  "note" = NULL
WHERE "note_code" IS NULL AND "note" ~ '^Unpaid for [0-9]{1,4} days$';
