-- hand-written
-- Issue #16: orders get their own number series (P-YYYY-NNNNNN) so they never collide with the gap-free invoice
-- numbers (CV-YYYY-NNNNNN). Renames existing order numbers of the old form CV-YYYY-NNNNNN to P-YYYY-NNNNNN (same
-- year and counter, so the 'order' sequence continues without reuse); idempotent: a renamed number no longer matches.
-- Invoices and provisioning attempts (which keep the display name they were created with) are left untouched.
UPDATE "orders" SET "order_number" = 'P-' || substring("order_number" from 4)
WHERE "order_number" ~ '^CV-[0-9]{4}-[0-9]{6}$';
