-- Single-use links sent by e-mail (verification, password reset, e-mail change). Only a SHA-256 hash
-- of the random token is stored; rows are purged once past the retention (short-term state).

create table aventian.tbl_email_tokens (
    id         uuid        primary key default gen_random_uuid(),
    user_id    uuid        not null references aventian.tbl_users (id) on delete cascade,
    purpose    text        not null check (purpose in ('VERIFY_EMAIL', 'RESET_PASSWORD', 'CHANGE_EMAIL')),
    email      text        not null,
    token_hash bytea       not null unique check (length(token_hash) = 32),
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    used_at    timestamptz
);
create index ix_email_tokens_user on aventian.tbl_email_tokens (user_id, purpose);
create index ix_email_tokens_expires on aventian.tbl_email_tokens (expires_at);
