-- The whole RBAC model (architecture note: the portal is the authoritative store of roles, privileges,
-- resources, templates and mappings, invisible system roles included).

-- Products: a description, and a version so two platform admins never overwrite each other's edit.
alter table aventian.tbl_master_products
    add column description text        not null default '' check (length(description) <= 1000),
    add column version     integer     not null default 0,
    add column updated_at  timestamptz not null default now();

-- A platform privilege has no resource type; a product's privilege may scope to one of its types.
alter table aventian.tbl_privileges
    add constraint ck_privileges_platform_has_no_resource_type check (product_id is not null or resource_type is null);

-- Resource instances of a product's allowed types that a team registered, so grants can be narrowed to one.
create table aventian.tbl_resources (
    id            uuid        primary key default gen_random_uuid(),
    team_id       uuid        not null references aventian.tbl_teams (id) on delete cascade,
    product_id    uuid        not null references aventian.tbl_master_products (id) on delete cascade,
    resource_type text        not null check (resource_type ~ '^[a-z][a-z0-9_-]{0,39}$'),
    external_id   text        not null check (length(external_id) between 1 and 200),
    display_name  text        not null check (length(btrim(display_name)) between 1 and 200),
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    unique (team_id, product_id, resource_type, external_id),
    unique (id, team_id)
);

-- Role templates, the platform's (product_id null: every new team gets a copy) and the products' (a team
-- gets a copy when it subscribes). They used to be rows of tbl_roles without a team; a template is not a
-- role anybody can hold, so it gets its own table and a role always belongs to a team.
create table aventian.tbl_role_templates (
    id                 uuid        primary key default gen_random_uuid(),
    product_id         uuid        references aventian.tbl_master_products (id) on delete cascade,
    name               text        not null check (length(btrim(name)) between 1 and 60),
    description        text        not null default '' check (length(description) <= 500),
    sort_order         integer     not null default 100,
    system             boolean     not null default false,
    visible            boolean     not null default true,
    creator_default    boolean     not null default false,
    invitation_default boolean     not null default false,
    version            integer     not null default 0,
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now(),
    unique nulls not distinct (product_id, name),
    -- an invisible role is always a system role; only platform templates mark the creator's and the invitee's role
    check (visible or system),
    check (product_id is null or not (creator_default or invitation_default))
);
create unique index ux_role_templates_creator_default on aventian.tbl_role_templates ((true)) where creator_default;
create unique index ux_role_templates_invitation_default on aventian.tbl_role_templates ((true)) where invitation_default;

create table aventian.tbl_role_template_privileges (
    template_id  uuid not null references aventian.tbl_role_templates (id) on delete cascade,
    privilege_id uuid not null references aventian.tbl_privileges (id) on delete cascade,
    primary key (template_id, privilege_id)
);
create index ix_role_template_privileges_privilege on aventian.tbl_role_template_privileges (privilege_id);

insert into aventian.tbl_role_templates (id, product_id, name, description, sort_order, system, visible,
                                         creator_default, invitation_default, created_at)
select id, product_id, name, description, sort_order, system, visible, creator_default, invitation_default, created_at
from aventian.tbl_roles
where team_id is null;

insert into aventian.tbl_role_template_privileges (template_id, privilege_id)
select rp.role_id, rp.privilege_id
from aventian.tbl_role_privileges rp
join aventian.tbl_roles r on r.id = rp.role_id
where r.team_id is null;

alter table aventian.tbl_roles drop constraint tbl_roles_template_id_fkey;
delete from aventian.tbl_roles where team_id is null;
alter table aventian.tbl_roles
    alter column team_id set not null,
    add constraint fk_roles_template foreign key (template_id)
        references aventian.tbl_role_templates (id) on delete set null,
    -- every edit of a role names the version it saw: a stale edit is refused, never a silent overwrite
    add column version    integer     not null default 0,
    add column updated_at timestamptz not null default now(),
    add constraint ck_roles_invisible_is_system check (visible or system);
create index ix_roles_template on aventian.tbl_roles (template_id);

-- A member's role narrowed to one resource instance of the same team (null: team-wide). The free-text
-- resource columns never had a writer; a row carrying them is dropped rather than widened to team-wide.
delete from aventian.tbl_user_roles where resource_type is not null or resource_id is not null;
alter table aventian.tbl_user_roles drop column resource_type, drop column resource_id;
alter table aventian.tbl_user_roles
    add column resource_id uuid,
    add constraint fk_user_roles_resource_of_team foreign key (resource_id, team_id)
        references aventian.tbl_resources (id, team_id) on delete cascade,
    add constraint uq_user_roles_grant unique nulls not distinct (team_id, user_id, role_id, resource_id);
create index ix_user_roles_resource on aventian.tbl_user_roles (resource_id) where resource_id is not null;
