-- engagement-lifecycle: the tables of the PostgreSQL store (migration 001).
-- Keys and ids use the "C" collation so that the database orders them as the library does (by code unit), and
-- cursors taken from one page find their place in the next.

CREATE TABLE IF NOT EXISTS el_engagements (
  lifecycle  text COLLATE "C" NOT NULL,
  id         text COLLATE "C" NOT NULL,
  version    integer NOT NULL CHECK (version >= 1),
  status     text NOT NULL,
  asset      text,
  active     boolean NOT NULL,
  -- When the lifecycle's clock event would next change the engagement (computed by the writer); NULL: never.
  due_at     timestamptz,
  -- keyHash(lifecycle, id) from engagement-lifecycle/store: sweep partitions are part_hash % count.
  part_hash  bigint NOT NULL,
  state      jsonb NOT NULL,
  PRIMARY KEY (lifecycle, id)
);

-- The sweep's index: only engagements that time can change are in it.
CREATE INDEX IF NOT EXISTS el_engagements_due ON el_engagements (due_at, lifecycle, id) WHERE due_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS el_engagements_asset ON el_engagements (asset, lifecycle, id) WHERE asset IS NOT NULL;

-- The transactional outbox: written in the same transaction as the state; rows stay after delivery so that an
-- effect id is never accepted twice.
CREATE TABLE IF NOT EXISTS el_outbox (
  seq            bigserial PRIMARY KEY,
  effect_id      text NOT NULL UNIQUE,
  lifecycle      text NOT NULL,
  engagement_id  text NOT NULL,
  effect         jsonb NOT NULL,
  delivered      boolean NOT NULL DEFAULT false
);
CREATE INDEX IF NOT EXISTS el_outbox_pending ON el_outbox (seq) WHERE NOT delivered;

-- The append-only audit log (never updated, never deleted from; kept after an engagement is deleted).
CREATE TABLE IF NOT EXISTS el_audit (
  seq            bigserial PRIMARY KEY,
  lifecycle      text NOT NULL,
  engagement_id  text NOT NULL,
  version        integer NOT NULL,
  from_status    text,
  to_status      text,
  event          text NOT NULL,
  actor          text,
  reason         text,
  at             timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS el_audit_engagement ON el_audit (lifecycle, engagement_id, seq);

-- Records that hang under an engagement (tests, findings, notes...), which delete plans delete or unlink.
CREATE TABLE IF NOT EXISTS el_records (
  kind           text COLLATE "C" NOT NULL,
  id             text COLLATE "C" NOT NULL,
  lifecycle      text,
  engagement_id  text,
  parent_kind    text,
  parent_id      text,
  data           jsonb NOT NULL,
  PRIMARY KEY (kind, id)
);
CREATE INDEX IF NOT EXISTS el_records_engagement ON el_records (lifecycle, engagement_id) WHERE engagement_id IS NOT NULL;
