-- CRM: the tables of one team's CRM database (architecture note: a database per team and product).
-- Provisioning (issue 13) runs this once per team, connected as the team's own login, which then owns
-- everything here. Safe to run again: a retried provisioning job finds what the first run made.

create schema if not exists crm;

create table if not exists crm.contacts (
    id           uuid        primary key default gen_random_uuid(),
    -- the id the portal's resource registry knows this contact by (tbl_resources.external_id, type contact)
    external_id  text        not null unique check (length(external_id) between 1 and 200),
    display_name text        not null check (length(btrim(display_name)) between 1 and 200),
    email        text        check (email is null or length(email) between 3 and 320),
    phone        text,
    company      text,
    owner_user   uuid,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now()
);
create index if not exists ix_contacts_email_lower on crm.contacts (lower(email));

create table if not exists crm.pipelines (
    id           uuid        primary key default gen_random_uuid(),
    -- the id the portal knows this pipeline by (tbl_resources.external_id, type pipeline)
    external_id  text        not null unique check (length(external_id) between 1 and 200),
    display_name text        not null check (length(btrim(display_name)) between 1 and 200),
    created_at   timestamptz not null default now()
);

create table if not exists crm.pipeline_stages (
    id          uuid    primary key default gen_random_uuid(),
    pipeline_id uuid    not null references crm.pipelines (id) on delete cascade,
    name        text    not null check (length(btrim(name)) between 1 and 100),
    position    integer not null check (position >= 0),
    unique (pipeline_id, position)
);

create table if not exists crm.deals (
    id           uuid        primary key default gen_random_uuid(),
    pipeline_id  uuid        not null references crm.pipelines (id) on delete cascade,
    stage_id     uuid        references crm.pipeline_stages (id) on delete set null,
    contact_id   uuid        references crm.contacts (id) on delete set null,
    title        text        not null check (length(btrim(title)) between 1 and 200),
    -- money in the currency's minor unit with its ISO 4217 code, never floating point
    amount_minor bigint      not null default 0 check (amount_minor >= 0),
    currency     char(3)     not null default 'EUR' check (currency ~ '^[A-Z]{3}$'),
    closed_at    timestamptz,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now()
);
create index if not exists ix_deals_pipeline on crm.deals (pipeline_id, stage_id);
create index if not exists ix_deals_contact on crm.deals (contact_id);

create table if not exists crm.activities (
    id          uuid        primary key default gen_random_uuid(),
    contact_id  uuid        not null references crm.contacts (id) on delete cascade,
    deal_id     uuid        references crm.deals (id) on delete cascade,
    kind        text        not null check (kind in ('CALL', 'EMAIL', 'MEETING', 'NOTE')),
    body        text        not null default '',
    occurred_at timestamptz not null default now(),
    author_user uuid
);
create index if not exists ix_activities_contact on crm.activities (contact_id, occurred_at desc);
