/**
 * The due index: entries in (due instant, key) order, as a list of small sorted arrays ("chunks") like
 * `SortedList`, except that each entry knows the chunk it sits in. Removing an entry then needs no search by
 * comparison: a sweep removes every engagement it changes, and at 10^6 engagements the binary searches of a plain
 * sorted list read one scattered entry and key string per step (cache misses were 14% of a sweep). Here a removal
 * is one identity scan of a single chunk, which is contiguous memory.
 */
import { compareStrings, type DueEntry } from './step.js';

const LOAD = 512;

/** The chunk of an entry that is in no index. */
const DETACHED: DueEntry[] = Object.freeze([]) as unknown as DueEntry[];

/** Due order: instant, then key. */
function compare(ms: number, key: string, other: DueEntry): number {
  return ms - other.ms || compareStrings(key, other.key);
}

export class DueIndex {
  private readonly chunks: DueEntry[][] = [];
  /** The due instant of each chunk's last entry, beside `chunks`: most searches decide on it without a read of the entry. */
  private readonly lastMs: number[] = [];

  /** Index of the first chunk whose last entry is >= (ms, key) (> when `strict`), or -1. */
  private chunkFor(ms: number, key: string, strict: boolean): number {
    let lo = 0;
    let hi = this.chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const last = this.lastMs[mid]!;
      // Only an equal instant needs the entry itself (its key).
      const c = last !== ms ? last - ms : -compare(ms, key, this.chunks[mid]![this.chunks[mid]!.length - 1]!);
      if (strict ? c > 0 : c >= 0) hi = mid;
      else lo = mid + 1;
    }
    return lo < this.chunks.length ? lo : -1;
  }

  /** Position of the first entry >= (ms, key) (> when `strict`) in `chunk`. */
  private static positionIn(chunk: readonly DueEntry[], ms: number, key: string, strict: boolean): number {
    let lo = 0;
    let hi = chunk.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const c = -compare(ms, key, chunk[mid]!);
      if (strict ? c > 0 : c >= 0) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  private refresh(i: number): void {
    const chunk = this.chunks[i]!;
    this.lastMs[i] = chunk[chunk.length - 1]!.ms;
  }

  /** Adds an entry (not already in the index) and records its chunk in it. */
  add(entry: DueEntry): void {
    if (this.chunks.length === 0) {
      const chunk = [entry];
      entry.chunk = chunk;
      this.chunks.push(chunk);
      this.lastMs.push(entry.ms);
      return;
    }
    let i = this.chunkFor(entry.ms, entry.key, false);
    if (i === -1) i = this.chunks.length - 1;
    const chunk = this.chunks[i]!;
    chunk.splice(DueIndex.positionIn(chunk, entry.ms, entry.key, false), 0, entry);
    entry.chunk = chunk;
    if (chunk.length > 2 * LOAD) {
      const moved = chunk.splice(LOAD);
      for (const m of moved) m.chunk = moved;
      this.chunks.splice(i + 1, 0, moved);
      this.lastMs.splice(i + 1, 0, 0);
      this.refresh(i + 1);
    }
    this.refresh(i);
  }

  /** Removes an entry that is in the index (by identity). */
  delete(entry: DueEntry): void {
    const chunk = entry.chunk;
    const pos = chunk.indexOf(entry);
    if (pos === -1) return;
    // A sweep removes the earliest entries: at the front, `shift` lets V8 move the array's start, where `splice`
    // copies every element through the write barrier (5 µs a removal in a sweep at 10^6 engagements, a sixth of it).
    if (pos === 0) chunk.shift();
    else chunk.splice(pos, 1);
    entry.chunk = DETACHED;
    if (chunk.length > 0 && pos < chunk.length) return; // the chunk's last entry, and so its place, is unchanged
    // Most removals are of the earliest entries (a sweep works from the front): the chunk is usually the first.
    const i = this.chunks[0] === chunk ? 0 : this.chunks.indexOf(chunk);
    if (chunk.length === 0 && i === 0) {
      this.chunks.shift();
      this.lastMs.shift();
    } else if (chunk.length === 0) {
      this.chunks.splice(i, 1);
      this.lastMs.splice(i, 1);
    } else {
      this.refresh(i);
    }
  }

  /**
   * Calls `visit` on each entry in order, starting at the first entry >= (ms, key) (> when `after`; the first entry
   * when `from` is undefined), until `visit` returns false.
   */
  scan(from: { readonly ms: number; readonly key: string } | undefined, after: boolean, visit: (entry: DueEntry) => boolean): void {
    let i = 0;
    let pos = 0;
    if (from !== undefined) {
      i = this.chunkFor(from.ms, from.key, after);
      if (i === -1) return;
      pos = DueIndex.positionIn(this.chunks[i]!, from.ms, from.key, after);
    }
    for (; i < this.chunks.length; i++, pos = 0) {
      const chunk = this.chunks[i]!;
      for (; pos < chunk.length; pos++) if (!visit(chunk[pos]!)) return;
    }
  }
}
