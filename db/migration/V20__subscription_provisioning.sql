-- Issue 13: a subscription's provisioning is a persisted state machine (tbl_team_product_assoc.status with
-- the steps done so far), so a job that crashed mid-way resumes where the row says, and the team's page
-- shows progress and the reason of a failure. The tenant database and login names are derived from the
-- subscription id by the application (never typed by anyone).

alter table aventian.tbl_team_product_assoc
    -- steps completed of the current provisioning run (0 .. 6), for the progress shown while PROVISIONING
    add column steps_done     smallint    not null default 0 check (steps_done between 0 and 6),
    -- why the last run failed, in words for the team (never a password or a connection string)
    add column failure_reason text        check (failure_reason is null or length(failure_reason) <= 2000),
    -- provisioning runs started (the first and every retry)
    add column attempts       integer     not null default 0 check (attempts >= 0),
    add column updated_at     timestamptz not null default now(),
    -- when a cancelled subscription's database is dropped, unless the team subscribes again before
    add column drop_after     timestamptz,
    add column dropped_at     timestamptz,
    add constraint ck_team_product_assoc_cancel check (status <> 'CANCELLED' or cancelled_at is not null);

-- the deprovisioning job's look-up of cancelled subscriptions due for their drop
create index ix_team_product_assoc_drop on aventian.tbl_team_product_assoc (drop_after)
    where status = 'CANCELLED' and dropped_at is null;

-- the rotation job's look-up of values still encrypted with an older key
create index ix_team_db_connections_key on aventian.team_db_connections (key_id);
