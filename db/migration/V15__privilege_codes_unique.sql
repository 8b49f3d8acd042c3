-- A privilege code names one privilege on the whole platform: products and the portal ask for a privilege by
-- its code alone (can(user, team, 'crm.contact.read')), so two products, or a product and the platform, must
-- never share one. Product codes prefix their privileges; this index is the last word when two admins race.
create unique index ux_privileges_code on aventian.tbl_privileges (code);
