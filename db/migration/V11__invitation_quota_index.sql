-- Invitation quotas count an inviter's mail (first sends and resends) of the last day.
create index ix_invitation_events_actor_mail on aventian.tbl_invitation_events (actor_user_id, occurred_at)
    where event in ('SENT', 'RESENT');
