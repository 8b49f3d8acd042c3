-- Account lifecycle (issue 9).

-- A verification link carries the password and name chosen with the sign-up that sent it: whoever
-- proves the e-mail by opening a link decides the account's password, not whoever signed up first.
alter table aventian.tbl_email_tokens add column password_hash text;
alter table aventian.tbl_email_tokens add column display_name text;
alter table aventian.tbl_email_tokens add constraint tbl_email_tokens_pending_sign_up_check
    check ((password_hash is null and display_name is null) or purpose = 'VERIFY_EMAIL');

-- Addresses are stored in one normal form (EmailAddress.normalize); older rows were stored as typed.
-- The unique index on lower(email) guarantees that lower-casing cannot make two rows collide.
update aventian.tbl_users set email = lower(email) where email <> lower(email);
