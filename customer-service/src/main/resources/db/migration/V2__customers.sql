-- Customer records: profile, contact data (JSONB), value tier and lifecycle stage.
CREATE TABLE customer (
    id                   UUID PRIMARY KEY,
    kind                 TEXT        NOT NULL,
    name                 TEXT        NOT NULL,
    business_category    TEXT,
    region               TEXT,
    account_owner        TEXT,
    special_requirements TEXT,
    referred_by          UUID REFERENCES customer (id),
    tags                 TEXT[]      NOT NULL DEFAULT '{}',
    addresses            JSONB       NOT NULL DEFAULT '[]',
    contact_methods      JSONB       NOT NULL DEFAULT '[]',
    contact_persons      JSONB       NOT NULL DEFAULT '[]',
    -- normalised copies of the contact methods, for exact search by e-mail and phone
    emails               TEXT[]      NOT NULL DEFAULT '{}',
    phones               TEXT[]      NOT NULL DEFAULT '{}',
    tier                 TEXT        NOT NULL DEFAULT 'LEAD',
    lifecycle_stage      TEXT        NOT NULL DEFAULT 'PROSPECT',
    churn_reason         TEXT,
    purchase_count       INTEGER     NOT NULL DEFAULT 0,
    first_purchase_at    TIMESTAMPTZ,
    last_purchase_at     TIMESTAMPTZ,
    created_at           TIMESTAMPTZ NOT NULL,
    updated_at           TIMESTAMPTZ NOT NULL,
    erased_at            TIMESTAMPTZ,
    -- bumped by every change; each event carries it (aggregate version) and the ETag is built from it
    version              BIGINT      NOT NULL
);

-- keyset pagination: every sort ends with id, so pages are stable and each page is an index seek
CREATE INDEX customer_name_order ON customer (lower(name) text_pattern_ops, id);
CREATE INDEX customer_created_order ON customer (created_at, id);
CREATE INDEX customer_updated_order ON customer (updated_at, id);
CREATE INDEX customer_emails ON customer USING GIN (emails);
CREATE INDEX customer_phones ON customer USING GIN (phones);
CREATE INDEX customer_tier ON customer (tier, id);
CREATE INDEX customer_lifecycle ON customer (lifecycle_stage, id);
CREATE INDEX customer_region ON customer (region, id);
CREATE INDEX customer_owner ON customer (account_owner, id);
CREATE INDEX customer_category ON customer (business_category, id);
CREATE INDEX customer_kind ON customer (kind, id);
CREATE INDEX customer_referred_by ON customer (referred_by);
CREATE INDEX customer_last_purchase ON customer (last_purchase_at) WHERE erased_at IS NULL;

CREATE TABLE purchase (
    id               UUID PRIMARY KEY,
    customer_id      UUID           NOT NULL REFERENCES customer (id),
    amount           NUMERIC(14, 2) NOT NULL,
    currency         CHAR(3)        NOT NULL,
    margin           NUMERIC(14, 2),
    occurred_at      TIMESTAMPTZ    NOT NULL,
    channel          TEXT,
    product_category TEXT,
    recorded_at      TIMESTAMPTZ    NOT NULL
);
CREATE INDEX purchase_customer_time ON purchase (customer_id, occurred_at DESC, id);
CREATE INDEX purchase_time ON purchase (occurred_at);

CREATE TABLE tier_history (
    id          BIGSERIAL PRIMARY KEY,
    customer_id UUID           NOT NULL REFERENCES customer (id),
    from_tier   TEXT           NOT NULL,
    to_tier     TEXT           NOT NULL,
    basis       TEXT           NOT NULL,
    basis_value NUMERIC(16, 2) NOT NULL,
    changed_at  TIMESTAMPTZ    NOT NULL
);
CREATE INDEX tier_history_customer ON tier_history (customer_id, id);

CREATE TABLE lifecycle_history (
    id          BIGSERIAL PRIMARY KEY,
    customer_id UUID        NOT NULL REFERENCES customer (id),
    from_stage  TEXT        NOT NULL,
    to_stage    TEXT        NOT NULL,
    reason      TEXT,
    competitor  TEXT,
    note        TEXT,
    changed_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX lifecycle_history_customer ON lifecycle_history (customer_id, id);

-- Idempotency-Key of a create: the first request's fingerprint and what it created
CREATE TABLE idempotency_key (
    scope        TEXT        NOT NULL,
    key          TEXT        NOT NULL,
    fingerprint  TEXT        NOT NULL,
    resource_id  UUID        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (scope, key)
);
