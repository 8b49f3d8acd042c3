-- The members search matches a member's name or e-mail (issue 10). V29 keeps the lower-cased name next to the
-- membership; the e-mail was still read from tbl_users, so a search joined every member of the team to their user
-- before filtering (about 1,500 buffer reads for a team of 500, against about 70 for a page without a search).
-- The lower-cased e-mail is kept next to the membership too, the same way, so a search filters the team's
-- memberships alone and joins only the page's rows to their users. The database keeps it in the same transaction as
-- every write that changes it: a new membership copies both keys from its user, a changed e-mail or name is copied
-- to every membership of the user.
alter table aventian.tbl_memberships add column search_email text;

update aventian.tbl_memberships m set search_email = lower(u.email)
from aventian.tbl_users u where u.id = m.user_id;

alter table aventian.tbl_memberships alter column search_email set not null;

-- FOR SHARE (as in V29): a change of the same user in flight finishes first (and this reads its values), or waits
-- for this membership to commit (and its own update of the user's memberships then includes it).
create or replace function aventian.membership_sort_name() returns trigger language plpgsql as $$
begin
    select lower(u.display_name), lower(u.email) into new.sort_name, new.search_email
    from aventian.tbl_users u where u.id = new.user_id for share;
    return new;
end
$$;

drop trigger tr_memberships_sort_name on aventian.tbl_memberships;

create trigger tr_memberships_sort_name before insert or update of user_id, sort_name, search_email
    on aventian.tbl_memberships
    for each row execute function aventian.membership_sort_name();

create function aventian.user_search_email() returns trigger language plpgsql as $$
begin
    update aventian.tbl_memberships set search_email = lower(new.email) where user_id = new.id;
    return null;
end
$$;

create trigger tr_users_search_email after update of email on aventian.tbl_users
    for each row when (old.email is distinct from new.email)
    execute function aventian.user_search_email();
