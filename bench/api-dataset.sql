-- The products' API part of the benchmark's data set (issue 12, item 10), run by `bench/run.sh api` after
-- bench/dataset.sql has made the users, teams, memberships and the template roles with one grant per
-- membership (Owner for a team's creator, Member for everyone else). This adds two products, each with an
-- API key stored as the portal stores keys (SHA-256 of the secret, its first 12 characters as the prefix),
-- every team having both products, and per team a role "Bench editor" carrying privileges of both products,
-- granted to every member: a second grant per membership, so memberships x 2 role grants in all.
--
-- psql variables (set by run.sh): crm_key, docs_key (the secrets, made by run.sh for this run only).

\set ON_ERROR_STOP on

begin;

insert into aventian.tbl_master_products (id, code, name, allowed_resource_types)
values (md5('bench-product-crm')::uuid, 'benchcrm', 'Bench CRM', array['doc']),
       (md5('bench-product-docs')::uuid, 'benchdocs', 'Bench Docs', array['page']);

insert into aventian.tbl_privileges (code, description, product_id, resource_type)
values ('benchcrm.doc.read', 'Read documents', md5('bench-product-crm')::uuid, 'doc'),
       ('benchcrm.doc.write', 'Write documents', md5('bench-product-crm')::uuid, 'doc'),
       ('benchcrm.doc.delete', 'Delete documents', md5('bench-product-crm')::uuid, 'doc'),
       ('benchcrm.report.view', 'View reports', md5('bench-product-crm')::uuid, null),
       ('benchdocs.page.read', 'Read pages', md5('bench-product-docs')::uuid, 'page');

-- as ApiKeys.create stores a key: only the SHA-256 of its UTF-8 bytes, and its first 12 characters
insert into aventian.tbl_api_keys (product_id, name, prefix, key_hash)
values (md5('bench-product-crm')::uuid, 'bench', left(:'crm_key', 12), sha256(convert_to(:'crm_key', 'UTF8'))),
       (md5('bench-product-docs')::uuid, 'bench', left(:'docs_key', 12), sha256(convert_to(:'docs_key', 'UTF8')));

insert into aventian.tbl_team_product_assoc (team_id, product_id, status)
select t.id, p.id, 'ACTIVE'
from aventian.tbl_teams t
cross join aventian.tbl_master_products p
where p.code in ('benchcrm', 'benchdocs');

-- "benchcrm.doc.delete" is in no role: authorize asks for it every other call and is refused
insert into aventian.tbl_roles (team_id, name, description, sort_order)
select t.id, 'Bench editor', 'Edits the products'' documents', 50
from aventian.tbl_teams t;

insert into aventian.tbl_role_privileges (role_id, privilege_id)
select r.id, p.id
from aventian.tbl_roles r
join aventian.tbl_privileges p
  on p.code in ('benchcrm.doc.read', 'benchcrm.doc.write', 'benchcrm.report.view', 'benchdocs.page.read')
where r.name = 'Bench editor';

insert into aventian.tbl_user_roles (team_id, user_id, role_id, granted_by)
select m.team_id, m.user_id, r.id, t.created_by
from aventian.tbl_memberships m
join aventian.tbl_teams t on t.id = m.team_id
join aventian.tbl_roles r on r.team_id = m.team_id and r.name = 'Bench editor';

commit;

-- as a server in service holds its data: every row's visibility settled (hint bits, the visibility map) and
-- frozen, statistics taken, so no first read of a row writes and no autovacuum of the load runs during the rows
vacuum (freeze, analyze);

select (select count(*) from aventian.tbl_user_roles) as user_roles,
       (select count(*) from aventian.tbl_team_product_assoc) as subscriptions,
       (select count(*) from aventian.tbl_api_keys) as api_keys;
