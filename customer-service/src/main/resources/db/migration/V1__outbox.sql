-- Events leave with the change that caused them: written here in the same transaction, relayed to Kafka after.
CREATE TABLE outbox_event (
    id             BIGSERIAL PRIMARY KEY,
    topic          TEXT        NOT NULL,
    event_key      TEXT        NOT NULL,
    payload        TEXT        NOT NULL, -- the CloudEvent JSON, relayed byte for byte
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    published_at   TIMESTAMPTZ
);
CREATE INDEX outbox_event_unpublished ON outbox_event (id) WHERE published_at IS NULL;
