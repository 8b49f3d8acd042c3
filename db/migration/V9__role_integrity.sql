-- A role reference can only name a role of its own team: a user-role and an invitation carry their
-- team_id, and the foreign key (role_id, team_id) makes the database refuse another team's role
-- (or a template, whose team_id is null) whatever the application does.
alter table aventian.tbl_roles add constraint uq_roles_id_team unique (id, team_id);

alter table aventian.tbl_user_roles drop constraint tbl_user_roles_role_id_fkey;
alter table aventian.tbl_user_roles
    add constraint fk_user_roles_role_of_team foreign key (role_id, team_id)
        references aventian.tbl_roles (id, team_id) on delete cascade;

alter table aventian.tbl_invitations drop constraint tbl_invitations_role_id_fkey;
alter table aventian.tbl_invitations
    add constraint fk_invitations_role_of_team foreign key (role_id, team_id)
        references aventian.tbl_roles (id, team_id) on delete cascade;

-- Which role does what is data, not a name in code: the creator of a team receives its
-- creator_default role, an invitation proposes the invitation_default role. Teams copy both flags
-- from the templates, so a renamed role keeps its part. At most one of each per team (and among templates).
alter table aventian.tbl_roles add column creator_default    boolean not null default false;
alter table aventian.tbl_roles add column invitation_default boolean not null default false;

create unique index ux_roles_creator_default on aventian.tbl_roles (team_id) nulls not distinct where creator_default;
create unique index ux_roles_invitation_default on aventian.tbl_roles (team_id) nulls not distinct where invitation_default;

-- The seeded templates (V2) and the teams' copies of them; names are matched here once, in data.
update aventian.tbl_roles set creator_default = true
where team_id is null and product_id is null and name = 'Owner';
update aventian.tbl_roles set invitation_default = true
where team_id is null and product_id is null and name = 'Member';

update aventian.tbl_roles r set creator_default = t.creator_default, invitation_default = t.invitation_default
from aventian.tbl_roles t
where r.template_id = t.id and r.team_id is not null;
