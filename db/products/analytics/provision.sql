-- Analytics: the tables of one team's analytics database (architecture note: a database per team and product).
-- Provisioning (issue 13) runs this once per team, connected as the team's own login, which then owns
-- everything here. Safe to run again: a retried provisioning job finds what the first run made.

create schema if not exists analytics;

create table if not exists analytics.dashboards (
    id           uuid        primary key default gen_random_uuid(),
    -- the id the portal's resource registry knows this dashboard by (tbl_resources.external_id, type dashboard)
    external_id  text        not null unique check (length(external_id) between 1 and 200),
    display_name text        not null check (length(btrim(display_name)) between 1 and 200),
    layout       jsonb       not null default '{"widgets": []}'::jsonb,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now()
);

create table if not exists analytics.widgets (
    id           uuid    primary key default gen_random_uuid(),
    dashboard_id uuid    not null references analytics.dashboards (id) on delete cascade,
    kind         text    not null check (kind in ('LINE', 'BAR', 'TABLE', 'NUMBER')),
    title        text    not null check (length(btrim(title)) between 1 and 200),
    query        text    not null,
    position     integer not null check (position >= 0),
    unique (dashboard_id, position)
);

-- Raw events the team's products send; partitioned by month so old months can be dropped whole.
create table if not exists analytics.events (
    id          bigint generated always as identity,
    occurred_at timestamptz not null,
    name        text        not null check (length(name) between 1 and 200),
    properties  jsonb       not null default '{}'::jsonb,
    primary key (id, occurred_at)
) partition by range (occurred_at);
create table if not exists analytics.events_default partition of analytics.events default;
create index if not exists ix_events_name_time on analytics.events (name, occurred_at);

create table if not exists analytics.exports (
    id           uuid        primary key default gen_random_uuid(),
    dashboard_id uuid        references analytics.dashboards (id) on delete set null,
    requested_by uuid,
    format       text        not null check (format in ('CSV', 'XLSX')),
    status       text        not null default 'PENDING' check (status in ('PENDING', 'DONE', 'FAILED')),
    created_at   timestamptz not null default now(),
    finished_at  timestamptz
);
