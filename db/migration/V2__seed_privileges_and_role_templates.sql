-- The privileges the portal itself checks (checks use these codes, never role names)
-- and the role templates every new team receives a copy of.

insert into aventian.tbl_privileges (code, description) values
    ('team.read',            'See the team and its home page'),
    ('team.update',          'Rename the team and change its settings'),
    ('team.delete',          'Delete the team'),
    ('members.read',         'See the team''s members'),
    ('members.invite',       'Invite people to the team'),
    ('members.remove',       'Remove members from the team'),
    ('members.roles.assign', 'Assign roles to members'),
    ('roles.manage',         'Create and edit the team''s roles'),
    ('billing.read',         'See subscriptions and invoices'),
    ('billing.manage',       'Subscribe, change plans and pay'),
    ('audit.read',           'Read the team''s audit log'),
    ('products.subscribe',   'Subscribe the team to products');

insert into aventian.tbl_roles (team_id, name, description, sort_order) values
    (null, 'Owner',           'Everything, including deleting the team and paying', 10),
    (null, 'Admin',           'Everything but deleting the team and managing billing', 20),
    (null, 'Billing manager', 'Sees the team and manages its billing', 30),
    (null, 'Member',          'Sees the team and its members', 40),
    (null, 'Viewer',          'Sees the team', 50);

insert into aventian.tbl_role_privileges (role_id, privilege_id)
select r.id, p.id
from aventian.tbl_roles r
join aventian.tbl_privileges p on p.product_id is null
where r.team_id is null
  and (r.name = 'Owner'
    or (r.name = 'Admin' and p.code not in ('team.delete', 'billing.manage'))
    or (r.name = 'Member' and p.code in ('team.read', 'members.read'))
    or (r.name = 'Billing manager' and p.code in ('team.read', 'billing.read', 'billing.manage'))
    or (r.name = 'Viewer' and p.code = 'team.read'));
