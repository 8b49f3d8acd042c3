-- The members page's first pages read a team's members in name order (issue 10). Sorting by the user's
-- display name meant joining every member of the team to tbl_users before the limit (about 2,000 buffer
-- reads for a team of 500, as much database time as the portal's own CPU for the page). The sort key is
-- kept next to the membership, so an index gives a page of a team's members in order without that join.
-- It is maintained by the database in the same transaction as every write that changes it: a new
-- membership copies it from its user, a renamed user's memberships get the new one.
alter table aventian.tbl_memberships add column sort_name text;

update aventian.tbl_memberships m set sort_name = lower(u.display_name)
from aventian.tbl_users u where u.id = m.user_id;

alter table aventian.tbl_memberships alter column sort_name set not null;

create index ix_memberships_team_sort_name on aventian.tbl_memberships (team_id, sort_name, user_id);

-- FOR SHARE: a rename of the same user in flight finishes first (and this reads its name), or waits for this
-- membership to commit (and its own update of the user's memberships then includes it).
create function aventian.membership_sort_name() returns trigger language plpgsql as $$
begin
    select lower(u.display_name) into new.sort_name from aventian.tbl_users u where u.id = new.user_id for share;
    return new;
end
$$;

create trigger tr_memberships_sort_name before insert or update of user_id, sort_name on aventian.tbl_memberships
    for each row execute function aventian.membership_sort_name();

create function aventian.user_sort_name() returns trigger language plpgsql as $$
begin
    update aventian.tbl_memberships set sort_name = lower(new.display_name) where user_id = new.id;
    return null;
end
$$;

create trigger tr_users_sort_name after update of display_name on aventian.tbl_users
    for each row when (old.display_name is distinct from new.display_name)
    execute function aventian.user_sort_name();
