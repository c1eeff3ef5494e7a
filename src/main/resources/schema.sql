-- The runbook's own table, next to Camunda's. One row per entity with an open case: the primary key is what makes
-- "one open case per entity" hold across threads and nodes. Created at start-up when missing (spring.sql.init).
CREATE TABLE IF NOT EXISTS runbook_open_case (
    entity_key          VARCHAR(300) NOT NULL PRIMARY KEY,
    process_instance_id VARCHAR(64),
    opened_at           TIMESTAMP    NOT NULL
);
