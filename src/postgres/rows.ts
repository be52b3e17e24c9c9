/**
 * From rows to the store's values. pg returns timestamptz as Date and bigint as string; PGlite returns Date and
 * number: both are handled.
 */
import { instant } from '../core/index.js';
import type { AuditRecord, RelatedRecord, StoredEngagement } from '../store/index.js';

/** A row as drivers return it. */
export type Row = Record<string, unknown>;

/** The columns `stored` reads. */
export const ENGAGEMENT_COLUMNS = 'lifecycle, id, version, asset, active, due_at, state';

/** A stored engagement from an `el_engagements` row. */
export function stored(row: Row): StoredEngagement {
  return {
    state: row.state as StoredEngagement['state'],
    dueAt: row.due_at === null ? null : instant(row.due_at as Date | string),
    asset: row.asset as string | null,
    active: row.active as boolean,
  };
}

/** An audit record from an `el_audit` row. */
export function auditRecord(row: Row): AuditRecord {
  return {
    lifecycle: row.lifecycle as string,
    engagementId: row.engagement_id as string,
    version: Number(row.version),
    from: row.from_status as string | null,
    to: row.to_status as string | null,
    event: row.event as string,
    actor: row.actor as string | null,
    reason: row.reason as string | null,
    at: instant(row.at as Date | string),
  };
}

/** A related record from an `el_records` row. */
export function relatedRecord(row: Row): RelatedRecord {
  return {
    kind: row.kind as string,
    id: row.id as string,
    engagement: row.engagement_id === null ? null : { lifecycle: row.lifecycle as string, id: row.engagement_id as string },
    parent: row.parent_kind === null ? null : { kind: row.parent_kind as string, id: row.parent_id as string },
    data: row.data,
  };
}

/** Builds `$n` placeholders as values are added, for queries whose filters are optional. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
