-- An account without a password proves itself for a new sign-in method by an e-mailed link; the link
-- carries which identity (issuer + subject) it will attach.
alter table aventian.tbl_email_tokens drop constraint tbl_email_tokens_purpose_check;
alter table aventian.tbl_email_tokens add constraint tbl_email_tokens_purpose_check
    check (purpose in ('VERIFY_EMAIL', 'RESET_PASSWORD', 'CHANGE_EMAIL', 'LINK_IDENTITY'));
alter table aventian.tbl_email_tokens add column link_issuer text;
alter table aventian.tbl_email_tokens add column link_subject text;
alter table aventian.tbl_email_tokens add constraint tbl_email_tokens_link_check
    check ((purpose = 'LINK_IDENTITY') = (link_issuer is not null and link_subject is not null));
