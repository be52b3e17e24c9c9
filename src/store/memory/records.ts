/** The related records of a tenant space, with an index of the records linked to each engagement. */
import { keyString, type EngagementKey } from '../keys.js';
import type { RelatedRecord } from '../ports.js';
import { compareStrings } from './step.js';

const recordKey = (kind: string, id: string) => `${kind}\u0000${id}`;

/** Records by (kind, id), and the (kind, id) of the records linked to each engagement. */
export class RecordTable {
  private readonly records = new Map<string, RelatedRecord>();
  private readonly byEngagement = new Map<string, Set<string>>();

  get(kind: string, id: string): RelatedRecord | undefined {
    return this.records.get(recordKey(kind, id));
  }

  /** The records linked to an engagement, in (kind, id) order. */
  of(key: EngagementKey): RelatedRecord[] {
    const set = this.byEngagement.get(keyString(key.lifecycle, key.id));
    return set ? [...set].sort(compareStrings).map((rk) => this.records.get(rk)!) : [];
  }

  /** Puts `next` (or removes the record) and keeps the index in step; returns the undo. */
  set(kind: string, id: string, next: RelatedRecord | undefined): () => void {
    const rk = recordKey(kind, id);
    const prev = this.records.get(rk);
    this.link(rk, prev, false);
    if (next) this.records.set(rk, next);
    else this.records.delete(rk);
    this.link(rk, next, true);
    return () => void this.set(kind, id, prev);
  }

  private link(rk: string, record: RelatedRecord | undefined, add: boolean): void {
    if (!record?.engagement) return;
    const ek = keyString(record.engagement.lifecycle, record.engagement.id);
    let set = this.byEngagement.get(ek);
    if (add) {
      if (!set) this.byEngagement.set(ek, (set = new Set()));
      set.add(rk);
    } else if (set) {
      set.delete(rk);
      if (set.size === 0) this.byEngagement.delete(ek);
    }
  }
}
