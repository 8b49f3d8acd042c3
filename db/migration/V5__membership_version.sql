-- Optimistic locking of a member's roles: a change names the version it saw, so two admins changing
-- the same member at once cannot silently overwrite each other.
alter table aventian.tbl_memberships add column version integer not null default 0;

-- hot path of the members page: a team's members by name
create index ix_users_display_name_lower on aventian.tbl_users (lower(display_name));
