-- Core application tables of the schema `aventian` (architecture note, section 2).
-- Keys that leave the database are UUIDs; gen_random_uuid() is built into PostgreSQL 13+.

create table aventian.tbl_users (
    id                uuid        primary key default gen_random_uuid(),
    email             text        not null check (length(email) between 3 and 320),
    display_name      text        not null check (length(display_name) between 1 and 100),
    password_hash     text,
    email_verified_at timestamptz,
    platform_admin    boolean     not null default false,
    status            text        not null default 'ACTIVE' check (status in ('ACTIVE', 'DISABLED')),
    terms_accepted_at timestamptz,
    last_team_id      uuid,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now()
);
create unique index ux_users_email_lower on aventian.tbl_users (lower(email));

-- An external sign-in (OIDC issuer + subject) linked to a user; never matched by e-mail alone.
create table aventian.tbl_user_identities (
    id        uuid        primary key default gen_random_uuid(),
    user_id   uuid        not null references aventian.tbl_users (id) on delete cascade,
    issuer    text        not null,
    subject   text        not null,
    email     text,
    linked_at timestamptz not null default now(),
    unique (issuer, subject)
);
create index ix_user_identities_user on aventian.tbl_user_identities (user_id);

create table aventian.tbl_teams (
    id         uuid        primary key default gen_random_uuid(),
    name       text        not null check (length(btrim(name)) between 1 and 100),
    slug       text        not null,
    created_by uuid        references aventian.tbl_users (id) on delete set null,
    version    integer     not null default 0,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    deleted_at timestamptz
);

alter table aventian.tbl_users
    add constraint fk_users_last_team foreign key (last_team_id) references aventian.tbl_teams (id) on delete set null;

create table aventian.tbl_memberships (
    team_id        uuid        not null references aventian.tbl_teams (id) on delete cascade,
    user_id        uuid        not null references aventian.tbl_users (id) on delete cascade,
    joined_at      timestamptz not null default now(),
    last_active_at timestamptz,
    primary key (team_id, user_id)
);
-- hot path: user -> memberships
create index ix_memberships_user on aventian.tbl_memberships (user_id, team_id);

-- Product registry (architecture note: tbl_master_products).
create table aventian.tbl_master_products (
    id                       uuid        primary key default gen_random_uuid(),
    code                     text        not null unique check (code ~ '^[a-z][a-z0-9-]{1,39}$'),
    name                     text        not null check (length(name) between 1 and 100),
    provisioning_script_path text,
    dashboard_url            text,
    allowed_resource_types   text[]      not null default '{}',
    status                   text        not null default 'ACTIVE' check (status in ('ACTIVE', 'RETIRED')),
    created_at               timestamptz not null default now()
);

-- Privileges: platform ones have no product; product ones may name a resource type they scope to.
create table aventian.tbl_privileges (
    id            uuid primary key default gen_random_uuid(),
    code          text not null check (code ~ '^[a-z][a-z0-9_.-]{1,99}$'),
    description   text not null,
    product_id    uuid references aventian.tbl_master_products (id) on delete cascade,
    resource_type text,
    unique nulls not distinct (product_id, code)
);

-- Roles: team_id null marks a platform-wide role template; team roles are copied from templates.
-- system roles are managed by the platform; invisible ones are hidden from team admins' pages.
create table aventian.tbl_roles (
    id          uuid        primary key default gen_random_uuid(),
    team_id     uuid        references aventian.tbl_teams (id) on delete cascade,
    product_id  uuid        references aventian.tbl_master_products (id) on delete cascade,
    template_id uuid        references aventian.tbl_roles (id) on delete set null,
    name        text        not null check (length(name) between 1 and 60),
    description text        not null default '',
    sort_order  integer     not null default 100,
    system      boolean     not null default false,
    visible     boolean     not null default true,
    created_at  timestamptz not null default now(),
    unique nulls not distinct (team_id, name)
);
create index ix_roles_team on aventian.tbl_roles (team_id);

create table aventian.tbl_role_privileges (
    role_id      uuid not null references aventian.tbl_roles (id) on delete cascade,
    privilege_id uuid not null references aventian.tbl_privileges (id) on delete cascade,
    primary key (role_id, privilege_id)
);
create index ix_role_privileges_privilege on aventian.tbl_role_privileges (privilege_id);

-- A member's role in a team, optionally narrowed to one resource of a product.
create table aventian.tbl_user_roles (
    id            uuid        primary key default gen_random_uuid(),
    team_id       uuid        not null,
    user_id       uuid        not null,
    role_id       uuid        not null references aventian.tbl_roles (id) on delete cascade,
    resource_type text,
    resource_id   text,
    granted_by    uuid        references aventian.tbl_users (id) on delete set null,
    granted_at    timestamptz not null default now(),
    foreign key (team_id, user_id) references aventian.tbl_memberships (team_id, user_id) on delete cascade,
    check ((resource_type is null) = (resource_id is null)),
    unique nulls not distinct (team_id, user_id, role_id, resource_type, resource_id)
);
-- hot path: user -> roles (per team)
create index ix_user_roles_user_team on aventian.tbl_user_roles (user_id, team_id);
create index ix_user_roles_role on aventian.tbl_user_roles (role_id);

create table aventian.tbl_invitations (
    id          uuid        primary key default gen_random_uuid(),
    team_id     uuid        not null references aventian.tbl_teams (id) on delete cascade,
    email       text        not null check (length(email) between 3 and 320),
    role_id     uuid        not null references aventian.tbl_roles (id) on delete cascade,
    token_hash  bytea       not null unique,
    status      text        not null default 'PENDING'
                            check (status in ('PENDING', 'ACCEPTED', 'REVOKED', 'EXPIRED')),
    invited_by  uuid        references aventian.tbl_users (id) on delete set null,
    created_at  timestamptz not null default now(),
    expires_at  timestamptz not null,
    accepted_at timestamptz,
    accepted_by uuid        references aventian.tbl_users (id) on delete set null
);
create index ix_invitations_team on aventian.tbl_invitations (team_id, status);
create index ix_invitations_email on aventian.tbl_invitations (lower(email));

-- A team's subscription to a product (architecture note: tbl_team_product_assoc).
create table aventian.tbl_team_product_assoc (
    id            uuid        primary key default gen_random_uuid(),
    team_id       uuid        not null references aventian.tbl_teams (id) on delete cascade,
    product_id    uuid        not null references aventian.tbl_master_products (id),
    status        text        not null default 'PROVISIONING'
                              check (status in ('PROVISIONING', 'ACTIVE', 'CANCELLED', 'FAILED')),
    plan_code     text,
    seats         integer     check (seats is null or seats > 0),
    subscribed_at timestamptz not null default now(),
    cancelled_at  timestamptz,
    unique (team_id, product_id)
);

-- The team's database for a product, its connection string encrypted (AEAD) with the key named by key_id.
create table aventian.team_db_connections (
    id                   uuid        primary key default gen_random_uuid(),
    team_id              uuid        not null references aventian.tbl_teams (id) on delete cascade,
    product_id           uuid        not null references aventian.tbl_master_products (id),
    assoc_id             uuid        not null references aventian.tbl_team_product_assoc (id) on delete cascade,
    encrypted_connection bytea       not null,
    key_id               bigint      not null,
    created_at           timestamptz not null default now(),
    rotated_at           timestamptz,
    unique (team_id, product_id)
);

-- Where a secret lives in GCP Secret Manager; never the secret itself.
create table aventian.tbl_secret_pointers (
    id          uuid        primary key default gen_random_uuid(),
    name        text        not null unique,
    secret_name text        not null check (secret_name ~ '^projects/[^/]+/secrets/[^/]+$'),
    version     text        not null default 'latest',
    purpose     text        not null default '',
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);
