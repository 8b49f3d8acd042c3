-- Durable background work (db-scheduler 16.x, see com.aventian.portal.jobs): one row per pending
-- execution, picked by one instance at a time (optimistic version + picked flag), so any number of
-- instances can share it. The columns are the library's own PostgreSQL table for 16.x; the scheduler
-- is pointed at it with tableName("aventian.scheduled_tasks").
--
-- task_data holds what a task needs to run. For mail that is the whole message, links with tokens
-- included: it must be stored to be sent after a crash. The row is deleted once the mail is sent or
-- given up, so it lives seconds normally, hours at most while the SMTP server is down.

create table aventian.scheduled_tasks (
    task_name            text        not null,
    task_instance        text        not null,
    task_data            bytea,
    execution_time       timestamptz not null,
    picked               boolean     not null,
    picked_by            text,
    last_success         timestamptz,
    last_failure         timestamptz,
    consecutive_failures int,
    last_heartbeat       timestamptz,
    version              bigint      not null,
    priority             smallint,
    primary key (task_name, task_instance)
);

create index ix_scheduled_tasks_execution_time on aventian.scheduled_tasks (execution_time);
create index ix_scheduled_tasks_last_heartbeat on aventian.scheduled_tasks (last_heartbeat);
create index ix_scheduled_tasks_priority_execution_time on aventian.scheduled_tasks (priority desc, execution_time asc);
