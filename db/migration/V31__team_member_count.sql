-- Team home and the members page showed how many members a team has by counting its memberships on every request
-- (issue 10): 500 index entries for a team of 500, most of PostgreSQL's work for team home. The number is kept on
-- the team instead, by the database, in the same transaction as every insert and delete of a membership, whoever
-- makes it (the services, a cascade from a deleted user, a script).
alter table aventian.tbl_teams add column member_count integer not null default 0;

-- Once per statement, from its transition table: a statement that adds or removes many memberships (a deleted
-- user's in every team, a data load) updates each team once. The teams are updated in the order of their ids, so two
-- statements touching the same teams wait for each other instead of deadlocking. The update itself takes the team's
-- row lock: concurrent joins and leaves of one team add up one after the other, none lost. A team deleted in the
-- same statement (the cascade of a team's own deletion) is no longer there to update.
create function aventian.team_member_count() returns trigger language plpgsql as $$
declare
    changed record;
begin
    if tg_op = 'INSERT' then
        for changed in select team_id, count(*) as n from added group by team_id order by team_id loop
            update aventian.tbl_teams set member_count = member_count + changed.n where id = changed.team_id;
        end loop;
    else
        for changed in select team_id, count(*) as n from removed group by team_id order by team_id loop
            update aventian.tbl_teams set member_count = member_count - changed.n where id = changed.team_id;
        end loop;
    end if;
    return null;
end
$$;

create trigger tr_memberships_count_added after insert on aventian.tbl_memberships
    referencing new table as added
    for each statement execute function aventian.team_member_count();

create trigger tr_memberships_count_removed after delete on aventian.tbl_memberships
    referencing old table as removed
    for each statement execute function aventian.team_member_count();

create function aventian.team_member_count_truncated() returns trigger language plpgsql as $$
begin
    update aventian.tbl_teams set member_count = 0 where member_count <> 0;
    return null;
end
$$;

create trigger tr_memberships_count_truncated after truncate on aventian.tbl_memberships
    for each statement execute function aventian.team_member_count_truncated();

-- A membership moved to another team by an update would leave both counts wrong: nothing does it, and the database
-- refuses it rather than miscount.
create function aventian.membership_team_fixed() returns trigger language plpgsql as $$
begin
    raise exception 'a membership does not move to another team: delete it and insert another';
end
$$;

create trigger tr_memberships_team_fixed before update of team_id on aventian.tbl_memberships
    for each row when (old.team_id is distinct from new.team_id)
    execute function aventian.membership_team_fixed();

-- Counted only now, once the triggers are there: creating them waited for every membership insert or delete in
-- flight (another instance still running during a deployment; a delete does not wait for the column added above) and
-- holds further ones off until this commits, so the count starts from every change committed and none is missed.
update aventian.tbl_teams t set member_count = c.members
from (select team_id, count(*) as members from aventian.tbl_memberships group by team_id) c
where c.team_id = t.id;
