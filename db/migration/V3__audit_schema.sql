-- Schema `aventian_audit`: append-only history, partitioned by day so retention drops whole partitions.
-- Partitions for today and the next days are created at start-up by ensure_daily_partitions();
-- the DEFAULT partition catches anything outside them, so an insert never fails for lack of one.

create table aventian_audit.tbl_audit_events (
    id            bigint      generated always as identity,
    occurred_at   timestamptz not null default now(),
    actor_user_id uuid,
    actor_email   text,
    action        text        not null check (action ~ '^[A-Z][A-Z0-9_]{1,63}$'),
    target_type   text,
    target_id     text,
    team_id       uuid,
    product_id    uuid,
    details       jsonb       not null default '{}'::jsonb,
    ip            inet,
    primary key (id, occurred_at)
) partition by range (occurred_at);
create table aventian_audit.tbl_audit_events_default partition of aventian_audit.tbl_audit_events default;
create index ix_audit_events_team_time on aventian_audit.tbl_audit_events (team_id, occurred_at desc);

create table aventian_audit.tbl_login_activity (
    id          bigint      generated always as identity,
    user_email  text        not null,
    team_id     uuid,
    product_id  uuid,
    action      text        not null
                            check (action in ('LOGIN', 'LOGIN_FAILED', 'LOGOUT', 'INVITATION_ACCEPTED', 'TEAM_SWITCHED')),
    "timestamp" timestamptz not null default now(),
    ip          inet,
    primary key (id, "timestamp")
) partition by range ("timestamp");
create table aventian_audit.tbl_login_activity_default partition of aventian_audit.tbl_login_activity default;
create index ix_login_activity_email_time on aventian_audit.tbl_login_activity (lower(user_email), "timestamp" desc);

-- Creates one partition per day for [from_day, from_day + days) of a table of this schema.
-- Names are computed here (format %I), so the application binds only values.
create function aventian_audit.ensure_daily_partitions(parent text, from_day date, days integer)
returns integer
language plpgsql
as $$
declare
    day     date;
    created integer := 0;
begin
    if parent not in ('tbl_audit_events', 'tbl_login_activity') then
        raise exception 'not a partitioned audit table: %', parent;
    end if;
    for i in 0 .. days - 1 loop
        day := from_day + i;
        if to_regclass(format('aventian_audit.%I', parent || '_' || to_char(day, 'YYYYMMDD'))) is null then
            begin
                execute format(
                    'create table aventian_audit.%I partition of aventian_audit.%I for values from (%L) to (%L)',
                    parent || '_' || to_char(day, 'YYYYMMDD'), parent,
                    day::timestamp at time zone 'UTC', (day + 1)::timestamp at time zone 'UTC');
                created := created + 1;
            exception
                -- another instance created it meanwhile
                when duplicate_table then null;
            end;
        end if;
    end loop;
    return created;
end;
$$;

-- Drops the daily partitions of a table whose day ends before the cut-off; returns how many.
create function aventian_audit.drop_daily_partitions_before(parent text, cutoff date)
returns integer
language plpgsql
as $$
declare
    part    record;
    dropped integer := 0;
begin
    if parent not in ('tbl_audit_events', 'tbl_login_activity') then
        raise exception 'not a partitioned audit table: %', parent;
    end if;
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
        execute format('drop table aventian_audit.%I', part.relname);
        dropped := dropped + 1;
    end loop;
    return dropped;
end;
$$;
