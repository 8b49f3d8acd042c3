-- Billing (issue 14): plans per product with versions, a team's billing state per subscription, gapless
-- invoice numbers, invoices immutable once issued, payments and provider events applied once.
-- Money is always an integer count of the currency's minor unit (bigint) with its ISO 4217 code.

-- A plan of a product. A plan that has subscriptions never changes its price: a new version (same code,
-- version + 1) is created and becomes the one offered; subscriptions keep the version they are on.
create table aventian.tbl_plans (
    id                     uuid        primary key default gen_random_uuid(),
    product_id             uuid        not null references aventian.tbl_master_products (id),
    code                   text        not null check (code ~ '^[a-z][a-z0-9-]{1,39}$'),
    version                integer     not null check (version >= 1),
    name                   text        not null check (length(btrim(name)) between 1 and 100),
    currency               char(3)     not null check (currency ~ '^[A-Z]{3}$'),
    price_minor            bigint      not null check (price_minor >= 0),
    billing_interval       text        not null check (billing_interval in ('MONTH', 'YEAR')),
    included_seats         integer     not null check (included_seats >= 1),
    extra_seat_price_minor bigint      not null check (extra_seat_price_minor >= 0),
    trial_days             integer     not null check (trial_days between 0 and 365),
    offered                boolean     not null default true,
    created_at             timestamptz not null default now(),
    unique (product_id, code, version)
);
-- at most one offered version of a plan code
create unique index ux_plans_offered on aventian.tbl_plans (product_id, code) where offered;

-- The team's billing contact and the time zone its periods and prorations are computed in.
create table aventian.tbl_team_billing (
    team_id       uuid        primary key references aventian.tbl_teams (id) on delete cascade,
    billing_email text        check (billing_email is null or length(billing_email) between 3 and 320),
    address       text        not null default '' check (length(address) <= 500),
    time_zone     text        not null default 'UTC' check (length(time_zone) between 1 and 64),
    updated_at    timestamptz not null default now()
);

-- The billing side of a subscription (tbl_team_product_assoc keeps the provisioning status).
-- Periods are [period_start, period_end); a trial is the first period, unbilled.
create table aventian.tbl_subscription_billing (
    assoc_id             uuid        primary key references aventian.tbl_team_product_assoc (id) on delete cascade,
    team_id              uuid        not null references aventian.tbl_teams (id) on delete cascade,
    plan_id              uuid        not null references aventian.tbl_plans (id),
    status               text        not null check (status in ('TRIALING', 'ACTIVE', 'PAST_DUE', 'SUSPENDED', 'CANCELLED')),
    seats                integer     not null check (seats >= 1),
    period_start         timestamptz not null,
    period_end           timestamptz not null check (period_end > period_start),
    trial                boolean     not null,
    cancel_at_period_end boolean     not null default false,
    next_plan_id         uuid        references aventian.tbl_plans (id),
    next_seats           integer     check (next_seats is null or next_seats >= 1),
    cancelled_at         timestamptz,
    version              integer     not null default 0,
    created_at           timestamptz not null default now()
);
create index ix_subscription_billing_team on aventian.tbl_subscription_billing (team_id);
create index ix_subscription_billing_due on aventian.tbl_subscription_billing (period_end) where status <> 'CANCELLED';

-- The platform's one invoice counter: incremented in the issuing transaction (its row lock orders concurrent
-- issues; a rolled-back issue gives its number back), so numbers are unique and without gaps.
create table aventian.tbl_invoice_counter (
    id          integer primary key check (id = 1),
    last_number bigint  not null check (last_number >= 0)
);
insert into aventian.tbl_invoice_counter (id, last_number) values (1, 0);

create table aventian.tbl_invoices (
    id                  uuid        primary key default gen_random_uuid(),
    number              bigint      not null unique check (number >= 1),
    kind                text        not null check (kind in ('INVOICE', 'CREDIT_NOTE')),
    reason              text        not null check (reason in ('SUBSCRIBED', 'RENEWAL', 'PRORATION', 'CREDIT')),
    team_id             uuid        not null references aventian.tbl_teams (id),
    assoc_id            uuid        references aventian.tbl_team_product_assoc (id),
    credited_invoice_id uuid        references aventian.tbl_invoices (id),
    currency            char(3)     not null,
    total_minor         bigint      not null,
    status              text        not null check (status in ('OPEN', 'PAID', 'VOID', 'ISSUED')),
    period_start        timestamptz,
    period_end          timestamptz,
    bill_to             text        not null,
    issued_at           timestamptz not null,
    due_at              timestamptz not null,
    paid_at             timestamptz,
    voided_at           timestamptz,
    check ((kind = 'CREDIT_NOTE') = (credited_invoice_id is not null)),
    check (kind = 'INVOICE' or (total_minor <= 0 and status = 'ISSUED')),
    check (kind = 'CREDIT_NOTE' or total_minor >= 0)
);
create index ix_invoices_team on aventian.tbl_invoices (team_id, number desc);
create index ix_invoices_open on aventian.tbl_invoices (due_at) where status = 'OPEN';
-- a subscription's period is billed once, whichever instance or run gets there first
create unique index ux_invoices_period on aventian.tbl_invoices (assoc_id, period_start)
    where kind = 'INVOICE' and reason in ('SUBSCRIBED', 'RENEWAL');

create table aventian.tbl_invoice_lines (
    invoice_id   uuid    not null references aventian.tbl_invoices (id),
    position     integer not null check (position >= 1),
    kind         text    not null check (kind in ('PLAN', 'SEATS', 'PRORATION_CHARGE', 'PRORATION_CREDIT', 'CREDIT')),
    description  text    not null,
    quantity     integer not null check (quantity >= 1),
    amount_minor bigint  not null,
    primary key (invoice_id, position)
);

-- Issued means final: only the payment status of an invoice may move (OPEN to PAID or VOID), lines never
-- change, nothing is deleted. Corrections are credit notes.
create function aventian.invoice_is_immutable() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        raise exception 'an issued invoice is never deleted' using errcode = 'P0001';
    end if;
    if tg_table_name = 'tbl_invoice_lines' then
        raise exception 'the lines of an issued invoice never change' using errcode = 'P0001';
    end if;
    if (new.number, new.kind, new.reason, new.team_id, new.assoc_id, new.credited_invoice_id, new.currency,
        new.total_minor, new.period_start, new.period_end, new.bill_to, new.issued_at, new.due_at)
       is distinct from
       (old.number, old.kind, old.reason, old.team_id, old.assoc_id, old.credited_invoice_id, old.currency,
        old.total_minor, old.period_start, old.period_end, old.bill_to, old.issued_at, old.due_at)
       or not (old.status = new.status or (old.status = 'OPEN' and new.status in ('PAID', 'VOID'))) then
        raise exception 'an issued invoice never changes' using errcode = 'P0001';
    end if;
    return new;
end $$;
create trigger tr_invoices_immutable before update or delete on aventian.tbl_invoices
    for each row execute function aventian.invoice_is_immutable();
create trigger tr_invoice_lines_immutable before update or delete on aventian.tbl_invoice_lines
    for each row execute function aventian.invoice_is_immutable();

-- A payment against an invoice, by a provider; the provider's reference is unique, so one payment is
-- recorded once however often it is reported.
create table aventian.tbl_payments (
    id           uuid        primary key default gen_random_uuid(),
    invoice_id   uuid        not null references aventian.tbl_invoices (id),
    provider     text        not null check (provider in ('MANUAL', 'STRIPE')),
    reference    text        not null check (length(reference) between 1 and 200),
    amount_minor bigint      not null check (amount_minor > 0),
    currency     char(3)     not null,
    recorded_by  uuid        references aventian.tbl_users (id) on delete set null,
    recorded_at  timestamptz not null,
    unique (provider, reference)
);
create unique index ux_payments_invoice on aventian.tbl_payments (invoice_id);

-- Each provider event is applied once: its id is inserted in the transaction that applies it.
create table aventian.tbl_payment_events (
    provider    text        not null,
    event_id    text        not null check (length(event_id) between 1 and 255),
    event_type  text        not null,
    created     timestamptz not null,
    received_at timestamptz not null,
    primary key (provider, event_id)
);
