-- The audit trail is append-only for the application, and retention works by whole day partitions.
--
-- 1. The application's database role `aventian_app` (NOLOGIN; production grants it to the portal's login
--    user, see docs/OPERATIONS.md) may read and write the portal's own tables, but only INSERT and SELECT
--    the audit tables: no UPDATE, DELETE or TRUNCATE, and it owns nothing, so it cannot drop or detach a
--    partition either. Partition upkeep runs through the SECURITY DEFINER functions below, owned by the
--    migration's user: they do exactly one thing each, with names computed inside PostgreSQL.
-- 2. Partition upkeep: creating a day whose rows sit in the DEFAULT partition moves them into the new
--    partition (PostgreSQL would otherwise refuse the partition, and upkeep would fail every night); a
--    partition is dropped only when its whole day is past the table's retention and it holds no newer row;
--    rows of the DEFAULT partition are deleted once past the retention. Each function takes one advisory
--    lock, so two instances doing upkeep at once wait for each other and each partition goes once.
-- 3. Keyset indexes for the audit viewer (newest first, id breaking ties) and the browser of a sign-in.

do $$
begin
    if not exists (select from pg_roles where rolname = 'aventian_app') then
        create role aventian_app nologin;
    end if;
exception
    -- another database of the same server created it meanwhile (roles are server-wide)
    when duplicate_object or unique_violation then null;
end;
$$;

grant usage on schema aventian, aventian_audit to aventian_app;
grant select, insert, update, delete on all tables in schema aventian to aventian_app;
grant usage, select on all sequences in schema aventian to aventian_app;
-- the migrations' own history is read (the page footer shows the schema version), never written
do $$
begin
    if to_regclass('aventian.flyway_schema_history') is not null then
        revoke insert, update, delete, truncate on aventian.flyway_schema_history from aventian_app;
    end if;
end;
$$;
-- tables of later migrations (run by the same migration user) get the same rights
alter default privileges in schema aventian grant select, insert, update, delete on tables to aventian_app;
alter default privileges in schema aventian grant usage, select on sequences to aventian_app;

revoke all on all tables in schema aventian_audit from public, aventian_app;
grant select, insert on aventian_audit.tbl_audit_events, aventian_audit.tbl_login_activity to aventian_app;

-- the browser of a sign-in, for a member's own sign-in history
alter table aventian_audit.tbl_login_activity add column user_agent text;

drop index aventian_audit.ix_audit_events_team_time;
create index ix_audit_events_team_keyset on aventian_audit.tbl_audit_events (team_id, occurred_at desc, id desc);
create index ix_audit_events_keyset on aventian_audit.tbl_audit_events (occurred_at desc, id desc);
create index ix_audit_events_actor_keyset on aventian_audit.tbl_audit_events (lower(actor_email), occurred_at desc, id desc);
create index ix_login_activity_team_keyset on aventian_audit.tbl_login_activity (team_id, "timestamp" desc, id desc);
create index ix_login_activity_keyset on aventian_audit.tbl_login_activity ("timestamp" desc, id desc);

-- The time column partitioning each audit table; anything else is refused.
create function aventian_audit.partition_column(parent text)
returns text
language sql
immutable
set search_path = pg_catalog
as $$
    select case parent when 'tbl_audit_events' then 'occurred_at' when 'tbl_login_activity' then 'timestamp' end
$$;

drop function aventian_audit.ensure_daily_partitions(text, date, integer);
drop function aventian_audit.drop_daily_partitions_before(text, date);

-- Creates one partition per day for [from_day, from_day + days); rows of those days waiting in the DEFAULT
-- partition are moved into their new partition (ids kept). Returns how many partitions it created.
create function aventian_audit.ensure_daily_partitions(parent text, from_day date, days integer)
returns integer
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
as $$
declare
    col     text := aventian_audit.partition_column(parent);
    day     date;
    name    text;
    low     timestamptz;
    high    timestamptz;
    created integer := 0;
    waiting boolean;
begin
    if col is null then
        raise exception 'not a partitioned audit table: %', parent;
    end if;
    if days < 0 or days > 366 then
        raise exception 'days out of range: %', days;
    end if;
    perform pg_advisory_xact_lock(hashtext('aventian_audit.partitions'));
    for i in 0 .. days - 1 loop
        day := from_day + i;
        name := parent || '_' || to_char(day, 'YYYYMMDD');
        continue when to_regclass(format('aventian_audit.%I', name)) is not null;
        low := day::timestamp at time zone 'UTC';
        high := (day + 1)::timestamp at time zone 'UTC';
        execute format('select exists (select 1 from aventian_audit.%I where %I >= $1 and %I < $2)',
                       parent || '_default', col, col)
            into waiting using low, high;
        if waiting then
            execute format('create temporary table audit_rows_moving on commit drop as '
                           || 'with moved as (delete from aventian_audit.%I where %I >= $1 and %I < $2 returning *) '
                           || 'select * from moved', parent || '_default', col, col)
                using low, high;
        end if;
        execute format('create table aventian_audit.%I partition of aventian_audit.%I for values from (%L) to (%L)',
                       name, parent, low, high);
        if waiting then
            execute format('insert into aventian_audit.%I overriding system value select * from audit_rows_moving',
                           parent);
            drop table audit_rows_moving;
        end if;
        created := created + 1;
    end loop;
    return created;
end;
$$;

-- Drops the day partitions of a table whose whole day lies before the cut-off (UTC midnight of the first
-- day kept). A partition holding a row at or after the cut-off is kept. Returns how many it dropped.
create function aventian_audit.drop_daily_partitions_before(parent text, cutoff date)
returns integer
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
as $$
declare
    col     text := aventian_audit.partition_column(parent);
    part    record;
    newer   boolean;
    dropped integer := 0;
begin
    if col is null then
        raise exception 'not a partitioned audit table: %', parent;
    end if;
    perform pg_advisory_xact_lock(hashtext('aventian_audit.partitions'));
    for part in
        select c.relname
        from pg_inherits i
        join pg_class c on c.oid = i.inhrelid
        join pg_class p on p.oid = i.inhparent
        join pg_namespace n on n.oid = p.relnamespace
        where n.nspname = 'aventian_audit' and p.relname = parent
          and c.relname ~ ('^' || parent || '_[0-9]{8}$')
          and to_date(right(c.relname, 8), 'YYYYMMDD') < cutoff
    loop
        execute format('select exists (select 1 from aventian_audit.%I where %I >= $1)', part.relname, col)
            into newer using cutoff::timestamp at time zone 'UTC';
        continue when newer;
        execute format('drop table aventian_audit.%I', part.relname);
        dropped := dropped + 1;
    end loop;
    return dropped;
end;
$$;

-- Deletes the rows of a table's DEFAULT partition older than the cut-off (rows of days that had no
-- partition; normally none). Returns how many.
create function aventian_audit.purge_default_partition_before(parent text, cutoff timestamptz)
returns integer
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
as $$
declare
    col     text := aventian_audit.partition_column(parent);
    deleted integer;
begin
    if col is null then
        raise exception 'not a partitioned audit table: %', parent;
    end if;
    execute format('delete from aventian_audit.%I where %I < $1', parent || '_default', col) using cutoff;
    get diagnostics deleted = row_count;
    return deleted;
end;
$$;

revoke all on function aventian_audit.partition_column(text) from public;
revoke all on function aventian_audit.ensure_daily_partitions(text, date, integer) from public;
revoke all on function aventian_audit.drop_daily_partitions_before(text, date) from public;
revoke all on function aventian_audit.purge_default_partition_before(text, timestamptz) from public;
grant execute on function aventian_audit.ensure_daily_partitions(text, date, integer) to aventian_app;
grant execute on function aventian_audit.drop_daily_partitions_before(text, date) to aventian_app;
grant execute on function aventian_audit.purge_default_partition_before(text, timestamptz) to aventian_app;
