-- The benchmark's data set, generated in SQL on a freshly migrated database (bench/run.sh runs it with
-- psql once the portal has applied its Flyway migrations). Rows are shaped as the portal makes them:
-- each team gets its own copy of the role templates and their privileges (TeamService.createTeam),
-- its creator holds the creator's role, everyone else the role an invitation gives.
--
-- psql variables (set by run.sh): users, teams, big_team_members, teams_per_user, password_hash.
-- Every column is named, so columns added later with a default or as nullable do not break it.
-- Ids are derived from numbers (md5 of 'bench-user-<n>' / 'bench-team-<n>' as a UUID), so run.sh can
-- name the big team and any user without asking the database.
-- Argon2id costs ~50 ms per hash: every user shares one hash, precomputed once, of a known password.

\set ON_ERROR_STOP on

begin;

create temporary table bench_settings on commit drop as
select :users::int as users, :teams::int as teams, :big_team_members::int as big_team_members,
       :teams_per_user::int as teams_per_user;

-- Names from small lists, so a search on the members page ("mar": Marta, Mario, Martin) finds a page or more.
insert into aventian.tbl_users (id, email, display_name, password_hash, email_verified_at, terms_accepted_at,
                                created_at, updated_at)
select md5('bench-user-' || n)::uuid,
       -- five digits at least (run.sh and SignInLoad name users so); lpad alone would cut 100000 to 10000
       format('bench-%s@bench.aventian.test', lpad(n::text, greatest(5, length(n::text)), '0')),
       (array['Ada', 'Alan', 'Anna', 'Bruno', 'Carla', 'Daniel', 'Elena', 'Emil', 'Eva', 'Felix', 'Grace',
              'Hugo', 'Ines', 'Jonas', 'Lara', 'Marta', 'Mario', 'Nina', 'Oskar', 'Rosa'])[1 + n % 20]
       || ' ' ||
       (array['Andersen', 'Bianchi', 'Costa', 'Dubois', 'Eriksen', 'Fischer', 'Garcia', 'Hansen', 'Ivanova',
              'Jensen', 'Kowalski', 'Larsen', 'Martin', 'Novak', 'Olsen', 'Petrov', 'Quinn', 'Rossi', 'Silva',
              'Tanaka', 'Urban', 'Varga', 'Weber', 'Young', 'Zimmer'])[1 + (n / 20) % 25]
       || ' ' || n,
       :'password_hash', now(), now(), now() - make_interval(days => n % 365), now()
from generate_series(1, (select users from bench_settings)) as n;

-- Who is in which team, by number: team 1 holds users 1..big_team_members; every user is also in
-- teams_per_user of the other teams, spread evenly (about users * teams_per_user / (teams - 1) each).
create temporary table bench_members on commit drop as
select 1 as team_no, u as user_no
from generate_series(1, (select big_team_members from bench_settings)) as u
union all
select 2 + (u + k * ((s.teams - 1) / s.teams_per_user)) % (s.teams - 1), u
from bench_settings s,
     generate_series(1, s.users) as u,
     generate_series(0, s.teams_per_user - 1) as k;

-- A team's creator is its lowest-numbered member (user 1 for the big team: the one run.sh signs in as).
create temporary table bench_teams on commit drop as
select team_no, min(user_no) as owner_no, count(*) as members
from bench_members
group by team_no;

insert into aventian.tbl_teams (id, name, slug, created_by, created_at, updated_at)
select md5('bench-team-' || team_no)::uuid,
       case when team_no = 1 then 'Bench big team' else 'Bench team ' || team_no end,
       case when team_no = 1 then 'bench-big-team' else 'bench-team-' || team_no end,
       md5('bench-user-' || owner_no)::uuid, now(), now()
from bench_teams;

insert into aventian.tbl_memberships (team_id, user_id, joined_at)
select md5('bench-team-' || team_no)::uuid, md5('bench-user-' || user_no)::uuid,
       now() - make_interval(mins => user_no)
from bench_members;

-- Roles: a copy of every platform template per team, as TeamMapper.insertRolesFromTemplates does. The columns
-- copied are read from the catalogue, so role flags added by later migrations are copied too; the templates
-- are rows of tbl_roles without a team before V12 and of tbl_role_templates from V12 on.
do $$
declare
	templates text := 'tbl_roles';
	template_filter text := 't.team_id is null and t.product_id is null';
	role_columns text;
	template_columns text;
begin
	if to_regclass('aventian.tbl_role_templates') is not null then
		templates := 'tbl_role_templates';
		template_filter := 't.product_id is null';
	end if;
	select string_agg(quote_ident(c.column_name), ', ' order by c.ordinal_position),
	       string_agg('t.' || quote_ident(c.column_name), ', ' order by c.ordinal_position)
	into role_columns, template_columns
	from information_schema.columns c
	where c.table_schema = 'aventian' and c.table_name = 'tbl_roles' and c.is_generated = 'NEVER'
	  and c.column_name not in ('id', 'team_id', 'template_id', 'product_id', 'created_at', 'updated_at', 'version')
	  and exists (select 1 from information_schema.columns tc where tc.table_schema = 'aventian'
	              and tc.table_name = templates and tc.column_name = c.column_name);
	execute format('insert into aventian.tbl_roles (team_id, template_id, %s) '
			'select tm.id, t.id, %s from aventian.tbl_teams tm '
			'cross join aventian.%I t where %s',
			role_columns, template_columns, templates, template_filter);
	if templates = 'tbl_role_templates' then
		insert into aventian.tbl_role_privileges (role_id, privilege_id)
		select r.id, tp.privilege_id
		from aventian.tbl_roles r
		join aventian.tbl_role_template_privileges tp on tp.template_id = r.template_id;
	else
		insert into aventian.tbl_role_privileges (role_id, privilege_id)
		select r.id, tp.privilege_id
		from aventian.tbl_roles r
		join aventian.tbl_role_privileges tp on tp.role_id = r.template_id
		where r.team_id is not null;
	end if;
end
$$;

-- The creator's role and the role of everyone else: the templates' flags if the schema has them,
-- otherwise the templates named Owner and Member (V2).
do $$
declare
	creator_role text := $q$r.name = 'Owner'$q$;
	member_role text := $q$r.name = 'Member'$q$;
begin
	if exists (select 1 from information_schema.columns where table_schema = 'aventian'
			and table_name = 'tbl_roles' and column_name = 'creator_default') then
		creator_role := 'r.creator_default';
	end if;
	if exists (select 1 from information_schema.columns where table_schema = 'aventian'
			and table_name = 'tbl_roles' and column_name = 'invitation_default') then
		member_role := 'r.invitation_default';
	end if;
	execute format('insert into aventian.tbl_user_roles (team_id, user_id, role_id, granted_by) '
			'select r.team_id, m.user_id, r.id, t.created_by '
			'from aventian.tbl_memberships m '
			'join aventian.tbl_teams t on t.id = m.team_id '
			'join aventian.tbl_roles r on r.team_id = m.team_id '
			'where case when m.user_id = t.created_by then %s else %s end',
			creator_role, member_role);
end
$$;

commit;

-- as a server in service holds its data: every row's visibility settled (hint bits, the visibility map) and
-- frozen, statistics taken, so no first read of a row writes and no autovacuum of the load runs during the rows
vacuum (freeze, analyze);

select (select count(*) from aventian.tbl_users) as users,
       (select count(*) from aventian.tbl_teams) as teams,
       (select count(*) from aventian.tbl_memberships) as memberships,
       (select count(*) from aventian.tbl_memberships where team_id = md5('bench-team-1')::uuid) as big_team_members,
       (select count(*) from aventian.tbl_roles where team_id is not null) as team_roles,
       (select count(*) from aventian.tbl_user_roles) as user_roles;
