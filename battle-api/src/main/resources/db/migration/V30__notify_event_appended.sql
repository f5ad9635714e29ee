-- Every transaction that appends events tells every node at its commit, so that the nodes'
-- event processors read the new events at once instead of polling the log (AppendNotifications).
-- PostgreSQL delivers a notification only when the transaction commits, and folds identical ones
-- of one transaction into one: a statement-level trigger costs one notification per commit.
CREATE FUNCTION notify_event_appended() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_notify('domain_event_appended', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER domain_event_appended
    AFTER INSERT ON domain_event_entry
    FOR EACH STATEMENT
EXECUTE FUNCTION notify_event_appended();
