-- API keys of products (issue 12): several per product so keys rotate without downtime. Only the SHA-256
-- of a key is stored (a key is 256 random bits, so an unsalted hash is enough); its first characters are
-- kept to recognise it on the admin page and in the product's configuration.
create table aventian.tbl_api_keys (
    id           uuid        primary key default gen_random_uuid(),
    product_id   uuid        not null references aventian.tbl_master_products (id) on delete cascade,
    name         text        not null check (length(btrim(name)) between 1 and 100),
    prefix       text        not null check (length(prefix) between 8 and 20),
    key_hash     bytea       not null unique check (length(key_hash) = 32),
    created_by   uuid        references aventian.tbl_users (id) on delete set null,
    created_at   timestamptz not null default now(),
    expires_at   timestamptz,
    -- written at most once a minute per key and instance, never on every call
    last_used_at timestamptz,
    revoked_at   timestamptz,
    revoked_by   uuid        references aventian.tbl_users (id) on delete set null,
    check (expires_at is null or expires_at > created_at)
);
create index ix_api_keys_product on aventian.tbl_api_keys (product_id, created_at desc);

-- The products' API lists a team's members filtered by role: members of a role of a team.
create index ix_user_roles_team_role on aventian.tbl_user_roles (team_id, role_id);
