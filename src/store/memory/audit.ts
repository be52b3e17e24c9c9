/**
 * A tenant space's audit log, bounded by the store's `auditLimit`, and the keys of deleted engagements. The two are
 * apart so that a host that keeps its own audit trail can drop the records and still have a deleted engagement's
 * id refused (its old effect ids would come back).
 */
import type { AuditRecord } from '../ports.js';

export class AuditLog {
  private readonly records = new Map<string, AuditRecord[]>();
  private readonly deleted = new Set<string>();

  /** `limit`: records kept per engagement, newest last (`Infinity`: all; 0: none). */
  constructor(private readonly limit: number) {}

  /** Appends a record, dropping the oldest past the limit; returns the undo. */
  append(key: string, record: AuditRecord): () => void {
    if (this.limit === 0) return () => {};
    let list = this.records.get(key);
    if (list) list.push(record);
    else this.records.set(key, (list = [record]));
    const dropped = list.length > this.limit ? list.shift() : undefined;
    const kept = list;
    return () => {
      kept.pop();
      if (dropped !== undefined) kept.unshift(dropped);
      if (kept.length === 0) this.records.delete(key);
    };
  }

  /** Marks a key as deleted (its id is never reused); returns the undo. */
  retire(key: string): () => void {
    this.deleted.add(key);
    return () => void this.deleted.delete(key);
  }

  isRetired(key: string): boolean {
    return this.deleted.has(key);
  }

  /** The kept records of an engagement, oldest first, as a new array. */
  history(key: string): AuditRecord[] {
    return [...(this.records.get(key) ?? [])];
  }
}
