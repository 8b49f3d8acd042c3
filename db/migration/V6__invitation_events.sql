-- The history of an invitation as its inviters see it: sent, resent, opened (the link was visited),
-- accepted, revoked, expired.
create table aventian.tbl_invitation_events (
    id            bigint      generated always as identity primary key,
    invitation_id uuid        not null references aventian.tbl_invitations (id) on delete cascade,
    event         text        not null check (event in ('SENT', 'RESENT', 'OPENED', 'ACCEPTED', 'REVOKED', 'EXPIRED')),
    actor_user_id uuid        references aventian.tbl_users (id) on delete set null,
    occurred_at   timestamptz not null default now()
);
create index ix_invitation_events_invitation on aventian.tbl_invitation_events (invitation_id, occurred_at);

-- one open invitation per e-mail and team
create unique index ux_invitations_pending_email on aventian.tbl_invitations (team_id, lower(email)) where status = 'PENDING';
