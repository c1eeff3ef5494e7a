-- The runbook's own table, next to Camunda's. One row per entity with an open case: the primary key is what makes
-- "one open case per entity" hold across threads and nodes. Created at start-up when missing (spring.sql.init).
CREATE TABLE IF NOT EXISTS runbook_open_case (
    entity_key          VARCHAR(300) NOT NULL PRIMARY KEY,
    process_instance_id VARCHAR(64),
    opened_at           TIMESTAMP    NOT NULL
);

-- The notification outbox: written in the case's transaction, delivered afterwards with retries, so that a webhook
-- or mail server that is down never holds up a case. One row per channel and event.
CREATE TABLE IF NOT EXISTS runbook_notification (
    id              VARCHAR(36)  NOT NULL PRIMARY KEY,
    channel         VARCHAR(16)  NOT NULL,
    event           VARCHAR(40)  NOT NULL,
    case_key        VARCHAR(300) NOT NULL,
    payload         VARCHAR(16000) NOT NULL,
    created_at      TIMESTAMP    NOT NULL,
    attempts        INTEGER      NOT NULL,
    next_attempt_at TIMESTAMP    NOT NULL,
    lease_until     TIMESTAMP,
    delivered_at    TIMESTAMP,
    gave_up_at      TIMESTAMP,
    last_error      VARCHAR(500)
);
CREATE INDEX IF NOT EXISTS runbook_notification_due ON runbook_notification (next_attempt_at);

-- The case list's index: one narrow row per case with what the list filters and sorts on (audit.CaseIndex), so the
-- auditors' first page stays fast over years of closed cases. Written in the case's transaction.
CREATE TABLE IF NOT EXISTS runbook_case (
    case_id      VARCHAR(64)  NOT NULL PRIMARY KEY,
    case_type    VARCHAR(16)  NOT NULL,
    business_key VARCHAR(300) NOT NULL,
    opened_at    TIMESTAMP    NOT NULL,
    closed_at    TIMESTAMP,
    outcome      VARCHAR(64),
    repeat_case  BOOLEAN      NOT NULL
);
CREATE INDEX IF NOT EXISTS runbook_case_opened ON runbook_case (opened_at);

-- Refused attempts: what a signed-in person asked that a rule of the runbook refused (a field a task's form does not
-- have, the reviewer approving, a process started by hand), who, when and why. The case's timeline shows them. Written
-- in a transaction of its own, because the refused request's is rolled back.
CREATE TABLE IF NOT EXISTS runbook_refusal (
    id         VARCHAR(36)   NOT NULL PRIMARY KEY,
    refused_at TIMESTAMP     NOT NULL,
    user_id    VARCHAR(255)  NOT NULL,
    case_id    VARCHAR(64),
    case_key   VARCHAR(300),
    task_id    VARCHAR(64),
    step       VARCHAR(255),
    action     VARCHAR(100)  NOT NULL,
    reason     VARCHAR(2000) NOT NULL
);
CREATE INDEX IF NOT EXISTS runbook_refusal_case ON runbook_refusal (case_id);

-- What became of a decision to keep an entity restricted (cases.KeptDecisions): the polls that saw it still listed and
-- left it standing (one row per decision, counted), and the case opened for the entity afterwards and why. The
-- decided case's timeline shows them.
CREATE TABLE IF NOT EXISTS runbook_decision_note (
    id       VARCHAR(100)  NOT NULL PRIMARY KEY,
    case_id  VARCHAR(64)   NOT NULL,
    case_key VARCHAR(300)  NOT NULL,
    kind     VARCHAR(16)   NOT NULL,
    first_at TIMESTAMP     NOT NULL,
    last_at  TIMESTAMP     NOT NULL,
    times    INTEGER       NOT NULL,
    detail   VARCHAR(1000) NOT NULL
);
CREATE INDEX IF NOT EXISTS runbook_decision_note_case ON runbook_decision_note (case_id);
