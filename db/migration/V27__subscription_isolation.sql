-- Issue 13 item 2: a subscription's objects live either in a database of their own (DATABASE, the default) or in a
-- schema of a shared tenant database (SCHEMA), as aventian.provisioning.isolation says when its first provisioning
-- run starts. The choice is recorded on the row then and kept by every rerun, retry and drop, so a crash followed by
-- a change of configuration never makes the same team's objects twice, and the drop finds what was made.

alter table aventian.tbl_team_product_assoc
    add column isolation       text check (isolation in ('DATABASE', 'SCHEMA')),
    -- the tenant server's database holding the objects: the subscription's own, or the shared one of its schema
    add column tenant_database text check (tenant_database is null or tenant_database ~ '^[a-z_][a-z0-9_]{0,62}$'),
    add constraint ck_team_product_assoc_isolation check ((isolation is null) = (tenant_database is null));

-- every run started before this version made a database of its own
update aventian.tbl_team_product_assoc
set isolation = 'DATABASE', tenant_database = 'avn_' || replace(id::text, '-', '')
where attempts > 0;
