-- Logical backups made by scripts/backup/backup.sh record themselves here, so the portal can expose the
-- age of the last one (aventian_backup_last_success_age_seconds) and an alert can fire on a stale backup.
-- Cloud SQL's own automated backups are watched through Cloud Monitoring instead (docs/OPERATIONS.md).
create table aventian.tbl_backup_runs (
    id             bigint      generated always as identity primary key,
    finished_at    timestamptz not null default now(),
    file_name      text        not null check (length(file_name) between 1 and 255),
    size_bytes     bigint      not null check (size_bytes > 0),
    sha256         text        not null check (sha256 ~ '^[0-9a-f]{64}$'),
    schema_version text        not null
);

create index ix_backup_runs_finished_at on aventian.tbl_backup_runs (finished_at desc);
