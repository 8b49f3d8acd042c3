-- The members list is kept by each portal instance, per team, under a version of the team's list (issue 10: the
-- members page cost PostgreSQL 0.5 ms and the portal as much again to read and write rows that change rarely). The
-- version is kept by the database, moved in the same transaction as every change of what the list shows, whoever
-- writes it (any service, any instance, a migration, an operator's SQL): an instance that reads the version sees
-- every change committed before it, and a list kept under an older version is never served again.
--
-- What the list shows (TeamMapper.xml: findMembersPage, memberColumns, memberGrants, teamRolesColumn) and what moves
-- the version:
--   tbl_memberships    joined_at, version, who is a member (insert, delete), the total (member_count, kept by
--                      V31 from the same inserts and deletes). sort_name and search_email (the order and the
--                      search) are copies of the user's name and e-mail (V29, V30): their change comes from
--                      tbl_users, whose trigger moves the version. Not last_active_at: written at most once per
--                      member and team per 5 minutes (TeamActivity.INTERVAL), it would move a busy team's version
--                      every few seconds; a kept list is served at most that interval after it was read
--                      (KeptMembersLists), so its last-active times are at most one interval old, as they are anyway.
--   tbl_users          display_name, email (every team of the user). Not password, sign-in times, status...
--   tbl_user_roles     every grant: the roles' names and order, the grants cell, the owner flag.
--   tbl_roles          name, description, sort_order, system, visible, invitation_default, product_id (the grants
--                      cell and the picker). Not version, updated_at, created_at, template_id, creator_default.
--   tbl_role_privileges which role carries team.delete (the owner flag), the picker roles' privileges.
--   tbl_privileges     code (team.delete, the picker roles' privileges): the teams whose roles carry it.
--   tbl_resources      resource_type, display_name of a scoped grant. A new resource is in no grant yet; a deleted
--                      one takes its grants with it (a cascade to tbl_user_roles, whose trigger moves the version).
--   tbl_teams          deleted_at (the gate refuses a deleted team anyway; moved so no list outlives it).
--
-- Its own table rather than a column of tbl_teams: a rename of a user takes the user's row, then their teams'
-- versions, while a join takes the team's row (MembershipService.lockTeam), then reads the user's row FOR SHARE (V29):
-- a version on the team's row would have a rename and a join of the same user wait for each other (a deadlock). It
-- also keeps the team's row, read by every gate and team home, out of these updates, and a last-active update from
-- waiting for a join's lock of the team.
create table aventian.tbl_member_list_versions (
    team_id uuid   primary key references aventian.tbl_teams (id) on delete cascade,
    version bigint not null default 0
);

create function aventian.team_member_list_version() returns trigger language plpgsql as $$
begin
    insert into aventian.tbl_member_list_versions (team_id) values (new.id);
    return null;
end
$$;

create trigger tr_teams_member_list_version after insert on aventian.tbl_teams
    for each row execute function aventian.team_member_list_version();

-- One statement moves each team it changed once, in the order of the teams' ids, so two statements moving the same
-- teams wait for each other instead of deadlocking. The version's row is the last lock a change takes: the services
-- lock the team's row first (as V31's member count does); nothing takes a version's row before a team's row. A team
-- deleted by the same statement (the cascade of its own deletion) has no version left to move.
create function aventian.member_lists_changed(teams uuid[]) returns void language plpgsql as $$
declare
    team uuid;
begin
    for team in select distinct t from unnest(teams) t where t is not null order by 1 loop
        update aventian.tbl_member_list_versions set version = version + 1 where team_id = team;
    end loop;
end
$$;

-- For the tables with a team_id: the teams of the rows added, removed, or changed in a column other than the ones
-- named as the trigger's arguments (columns the list does not show). A column added later counts as shown until it
-- is named here: a needless eviction, never a stale list. A changed row counts for the team it is in and the team it
-- was in: a row moved to another team (an operator's SQL; a role without holders may move) leaves its former team's
-- list too (review23, MembersListKeptAttackTests).
create function aventian.member_list_rows_changed() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        perform aventian.member_lists_changed(array(select team_id from new_rows));
    elsif tg_op = 'DELETE' then
        perform aventian.member_lists_changed(array(select team_id from old_rows));
    else
        perform aventian.member_lists_changed(array(
            with n as (select n.team_id, to_jsonb(n) - tg_argv as shown from new_rows n),
                 o as (select o.team_id, to_jsonb(o) - tg_argv as shown from old_rows o)
            select team_id from (select * from n except select * from o) added
            union all
            select team_id from (select * from o except select * from n) removed));
    end if;
    return null;
end
$$;

create trigger tr_memberships_list_added after insert on aventian.tbl_memberships
    referencing new table as new_rows for each statement execute function aventian.member_list_rows_changed();
create trigger tr_memberships_list_removed after delete on aventian.tbl_memberships
    referencing old table as old_rows for each statement execute function aventian.member_list_rows_changed();
create trigger tr_memberships_list_changed after update on aventian.tbl_memberships
    referencing old table as old_rows new table as new_rows
    for each statement execute function aventian.member_list_rows_changed('sort_name', 'search_email',
                                                                           'last_active_at');

create trigger tr_user_roles_list_added after insert on aventian.tbl_user_roles
    referencing new table as new_rows for each statement execute function aventian.member_list_rows_changed();
create trigger tr_user_roles_list_removed after delete on aventian.tbl_user_roles
    referencing old table as old_rows for each statement execute function aventian.member_list_rows_changed();
create trigger tr_user_roles_list_changed after update on aventian.tbl_user_roles
    referencing old table as old_rows new table as new_rows
    for each statement execute function aventian.member_list_rows_changed('granted_by', 'granted_at');

create trigger tr_roles_list_added after insert on aventian.tbl_roles
    referencing new table as new_rows for each statement execute function aventian.member_list_rows_changed();
create trigger tr_roles_list_removed after delete on aventian.tbl_roles
    referencing old table as old_rows for each statement execute function aventian.member_list_rows_changed();
create trigger tr_roles_list_changed after update on aventian.tbl_roles
    referencing old table as old_rows new table as new_rows
    for each statement execute function aventian.member_list_rows_changed('version', 'updated_at', 'created_at',
                                                                           'template_id', 'creator_default');

create trigger tr_resources_list_changed after update on aventian.tbl_resources
    referencing old table as old_rows new table as new_rows
    for each statement execute function aventian.member_list_rows_changed('updated_at', 'created_at',
                                                                           'external_id', 'product_id');

-- A role's privileges: the teams of the roles. A role deleted with them (a cascade) is no longer there to name its
-- team; its own deletion moved the version.
create function aventian.member_list_role_privileges_changed() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        perform aventian.member_lists_changed(array(
            select r.team_id from aventian.tbl_roles r where r.id in (select role_id from new_rows)));
    elsif tg_op = 'DELETE' then
        perform aventian.member_lists_changed(array(
            select r.team_id from aventian.tbl_roles r where r.id in (select role_id from old_rows)));
    else
        perform aventian.member_lists_changed(array(
            select r.team_id from aventian.tbl_roles r
            where r.id in (select role_id from new_rows union select role_id from old_rows)));
    end if;
    return null;
end
$$;

create trigger tr_role_privileges_list_added after insert on aventian.tbl_role_privileges
    referencing new table as new_rows
    for each statement execute function aventian.member_list_role_privileges_changed();
create trigger tr_role_privileges_list_removed after delete on aventian.tbl_role_privileges
    referencing old table as old_rows
    for each statement execute function aventian.member_list_role_privileges_changed();
create trigger tr_role_privileges_list_changed after update on aventian.tbl_role_privileges
    referencing old table as old_rows new table as new_rows
    for each statement execute function aventian.member_list_role_privileges_changed();

-- A privilege's code: the teams whose roles carry it. Statement-level, as every other: one update of many privileges
-- moves each team once, in order.
create function aventian.member_list_privileges_changed() returns trigger language plpgsql as $$
begin
    perform aventian.member_lists_changed(array(
        select r.team_id
        from new_rows n
        join old_rows o on o.id = n.id and o.code is distinct from n.code
        join aventian.tbl_role_privileges rp on rp.privilege_id = n.id
        join aventian.tbl_roles r on r.id = rp.role_id));
    return null;
end
$$;

create trigger tr_privileges_list_changed after update on aventian.tbl_privileges
    referencing old table as old_rows new table as new_rows
    for each statement execute function aventian.member_list_privileges_changed();

-- A user's name or e-mail: every team of theirs. A sign-in's update of the user (its time) changes neither and moves
-- nothing. Statement-level: a statement renaming many users moves each of their teams once, in order.
create function aventian.member_list_users_changed() returns trigger language plpgsql as $$
begin
    perform aventian.member_lists_changed(array(
        select m.team_id
        from new_rows n
        join old_rows o on o.id = n.id
                       and (o.display_name is distinct from n.display_name or o.email is distinct from n.email)
        join aventian.tbl_memberships m on m.user_id = n.id));
    return null;
end
$$;

create trigger tr_users_list_changed after update on aventian.tbl_users
    referencing old table as old_rows new table as new_rows
    for each statement execute function aventian.member_list_users_changed();

create function aventian.member_list_team_deleted() returns trigger language plpgsql as $$
begin
    perform aventian.member_lists_changed(array[new.id]);
    return null;
end
$$;

create trigger tr_teams_list_deleted after update of deleted_at on aventian.tbl_teams
    for each row when (old.deleted_at is distinct from new.deleted_at)
    execute function aventian.member_list_team_deleted();

-- Emptied tables (a data load, an operator): every team's list.
create function aventian.member_lists_all_changed() returns trigger language plpgsql as $$
begin
    perform aventian.member_lists_changed(array(select team_id from aventian.tbl_member_list_versions));
    return null;
end
$$;

create trigger tr_memberships_lists_truncated after truncate on aventian.tbl_memberships
    for each statement execute function aventian.member_lists_all_changed();
create trigger tr_user_roles_lists_truncated after truncate on aventian.tbl_user_roles
    for each statement execute function aventian.member_lists_all_changed();
create trigger tr_roles_lists_truncated after truncate on aventian.tbl_roles
    for each statement execute function aventian.member_lists_all_changed();
create trigger tr_role_privileges_lists_truncated after truncate on aventian.tbl_role_privileges
    for each statement execute function aventian.member_lists_all_changed();

-- Made last, once every trigger is there: a team created while this ran is waited for (the trigger on tbl_teams
-- holds inserts off until this commits) and gets its row either here or from the trigger.
insert into aventian.tbl_member_list_versions (team_id)
select id from aventian.tbl_teams
on conflict (team_id) do nothing;
