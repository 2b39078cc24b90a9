-- Who wants which events, where, signed with which secret.
CREATE TABLE subscription (
    id                    UUID        PRIMARY KEY,
    owner                 TEXT        NOT NULL, -- the gateway's client (X-Client-Id), or "direct"
    url                   TEXT        NOT NULL,
    event_types           TEXT[]      NOT NULL, -- exact types and patterns: complaint.*, *
    filter_sources        TEXT[]      NOT NULL DEFAULT '{}', -- empty: any
    filter_categories     TEXT[]      NOT NULL DEFAULT '{}',
    filter_severities     TEXT[]      NOT NULL DEFAULT '{}',
    description           TEXT,
    secret                TEXT        NOT NULL, -- whsec_<base64>: kept to sign, shown once
    previous_secret       TEXT,                 -- still signs (a second signature) until previous_secret_until
    previous_secret_until TIMESTAMPTZ,
    enabled               BOOLEAN     NOT NULL,
    disabled_reason       TEXT,
    disabled_at           TIMESTAMPTZ,
    last_success_at       TIMESTAMPTZ,
    failing_since         TIMESTAMPTZ,          -- the first failed attempt after the last success
    created_at            TIMESTAMPTZ NOT NULL,
    updated_at            TIMESTAMPTZ NOT NULL,
    version               BIGINT      NOT NULL  -- the ETag
);
CREATE INDEX subscription_by_owner ON subscription (owner, created_at, id);
CREATE INDEX subscription_by_creation ON subscription (created_at, id);

-- Idempotency-Keys of POST /webhooks, claimed first in the creating transaction (as in customer-service): a retry
-- with the same key waits on the primary key until the first commits, then answers with its subscription.
CREATE TABLE idempotency_key (
    scope        TEXT        NOT NULL, -- the owner and the key: the same key from two clients names two requests
    key          TEXT        NOT NULL,
    fingerprint  TEXT        NOT NULL,
    resource_id  UUID        NOT NULL REFERENCES subscription (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    created_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (scope, key)
);

-- Each event taken in once, whatever the number of subscriptions it goes to: the body of every delivery.
CREATE TABLE webhook_event (
    id          TEXT        PRIMARY KEY, -- the CloudEvent id: the webhook-id receivers deduplicate by
    type        TEXT        NOT NULL,
    subject     TEXT        NOT NULL,    -- the aggregate (complaint or customer id)
    payload     TEXT        NOT NULL,    -- the CloudEvent as it was on Kafka, byte for byte
    received_at TIMESTAMPTZ NOT NULL
);

-- One event to one subscription. Per subscription and subject (a "lane") deliveries go out in seq order, one at a
-- time: only the lane's first PENDING delivery has a next_attempt_at; the others wait with NULL until it is done.
CREATE TABLE delivery (
    id               UUID        PRIMARY KEY,
    seq              BIGSERIAL   NOT NULL UNIQUE, -- intake order; within a lane, the order of the events
    subscription_id  UUID        NOT NULL REFERENCES subscription (id) ON DELETE CASCADE,
    event_id         TEXT        NOT NULL REFERENCES webhook_event (id),
    event_type       TEXT        NOT NULL,
    subject          TEXT        NOT NULL,
    status           TEXT        NOT NULL,        -- PENDING, DELIVERED, FAILED
    attempts         INT         NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ,                 -- null: waits behind an earlier delivery of its lane
    window_start     TIMESTAMPTZ NOT NULL,        -- retried until window_start + the retry window
    lease_until      TIMESTAMPTZ,                 -- a replica is attempting it until then (database time)
    lease_token      UUID,                        -- which claim holds the lease: only it records the outcome
    last_attempt_at  TIMESTAMPTZ,
    last_status_code INT,
    last_error       TEXT,
    last_response    TEXT,
    delivered_at     TIMESTAMPTZ,
    failed_at        TIMESTAMPTZ,
    created_at       TIMESTAMPTZ NOT NULL,
    CONSTRAINT delivery_once UNIQUE (subscription_id, event_id) -- a redelivered event adds nothing
);
CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE status = 'PENDING' AND next_attempt_at IS NOT NULL;
CREATE INDEX delivery_lane ON delivery (subscription_id, subject, seq) WHERE status = 'PENDING';
CREATE INDEX delivery_by_subscription ON delivery (subscription_id, seq);
CREATE INDEX delivery_by_event ON delivery (event_id);
CREATE INDEX delivery_finished ON delivery (created_at) WHERE status <> 'PENDING';
