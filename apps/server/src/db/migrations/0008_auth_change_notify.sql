-- Each process keeps the sessions it has checked in memory (the guard's most frequent query otherwise). These
-- triggers tell every process, through NOTIFY on `cv_auth`, the moment a session or what the guard reads of its user
-- changes, in the same transaction: the notification is sent when it commits, never for a rolled-back change. The
-- NOTICE tells the connection that made the change at once (before its statement returns), so the process that
-- made it never trusts its old copy again, not even for the moment the NOTIFY takes to come back.
-- "Last used" (`updated_at` alone) moves once a minute per session and changes nothing the guard decides on: it
-- raises nothing. A user's deletion removes its sessions by cascade, which raises each one.
CREATE FUNCTION auth_session_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('cv_auth', json_build_object('sessionId', OLD.id)::text);
  RAISE NOTICE USING MESSAGE = 'cv_auth', DETAIL = json_build_object('sessionId', OLD.id)::text;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION auth_user_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('cv_auth', json_build_object('userId', OLD.id)::text);
  RAISE NOTICE USING MESSAGE = 'cv_auth', DETAIL = json_build_object('userId', OLD.id)::text;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER sessions_notify_deleted AFTER DELETE ON "sessions"
  FOR EACH ROW EXECUTE FUNCTION auth_session_changed();
--> statement-breakpoint
CREATE TRIGGER sessions_notify_changed AFTER UPDATE ON "sessions"
  FOR EACH ROW WHEN (
    OLD.token IS DISTINCT FROM NEW.token
    OR OLD.expires_at IS DISTINCT FROM NEW.expires_at
    OR OLD.user_id IS DISTINCT FROM NEW.user_id
    OR OLD.impersonated_by IS DISTINCT FROM NEW.impersonated_by
    OR OLD.id IS DISTINCT FROM NEW.id
  ) EXECUTE FUNCTION auth_session_changed();
--> statement-breakpoint
CREATE TRIGGER users_notify_changed AFTER UPDATE ON "users"
  FOR EACH ROW WHEN (
    OLD.role IS DISTINCT FROM NEW.role
    OR OLD.email IS DISTINCT FROM NEW.email
    OR OLD.email_verified IS DISTINCT FROM NEW.email_verified
    OR OLD.two_factor_enabled IS DISTINCT FROM NEW.two_factor_enabled
    OR OLD.banned IS DISTINCT FROM NEW.banned
    OR OLD.ban_expires IS DISTINCT FROM NEW.ban_expires
    OR OLD.id IS DISTINCT FROM NEW.id
  ) EXECUTE FUNCTION auth_user_changed();
--> statement-breakpoint
CREATE TRIGGER users_notify_deleted AFTER DELETE ON "users"
  FOR EACH ROW EXECUTE FUNCTION auth_user_changed();
