/**
 * A sorted collection as a list of small sorted arrays ("chunks"). Insert, delete and seek cost a binary search
 * plus a copy of at most one chunk, so a million entries stay cheap to update, and iterating from a position
 * costs only what is visited: the due index reads the due engagements and never the rest.
 */
export type Compare<T> = (a: T, b: T) => number;

const LOAD = 512;

export class SortedList<T> {
  private readonly chunks: T[][] = [];
  private count = 0;

  constructor(private readonly compare: Compare<T>) {}

  get size(): number {
    return this.count;
  }

  /** Index of the first chunk whose last value is >= `value` (> when `strict`), or -1. */
  private chunkFor(value: T, strict: boolean): number {
    let lo = 0;
    let hi = this.chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const chunk = this.chunks[mid]!;
      const c = this.compare(chunk[chunk.length - 1]!, value);
      if (strict ? c > 0 : c >= 0) hi = mid;
      else lo = mid + 1;
    }
    return lo < this.chunks.length ? lo : -1;
  }

  /** Position of the first value >= `value` (> when `strict`) in `chunk`. */
  private positionIn(chunk: readonly T[], value: T, strict: boolean): number {
    let lo = 0;
    let hi = chunk.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const c = this.compare(chunk[mid]!, value);
      if (strict ? c > 0 : c >= 0) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  add(value: T): void {
    this.count++;
    if (this.chunks.length === 0) {
      this.chunks.push([value]);
      return;
    }
    let i = this.chunkFor(value, false);
    if (i === -1) i = this.chunks.length - 1;
    const chunk = this.chunks[i]!;
    chunk.splice(this.positionIn(chunk, value, false), 0, value);
    if (chunk.length > 2 * LOAD) this.chunks.splice(i + 1, 0, chunk.splice(LOAD));
  }

  /** Removes one value that compares equal to `value`; false when there is none. */
  delete(value: T): boolean {
    const i = this.chunkFor(value, false);
    if (i === -1) return false;
    const chunk = this.chunks[i]!;
    const pos = this.positionIn(chunk, value, false);
    if (pos >= chunk.length || this.compare(chunk[pos]!, value) !== 0) return false;
    chunk.splice(pos, 1);
    if (chunk.length === 0) this.chunks.splice(i, 1);
    this.count--;
    return true;
  }

  /**
   * Calls `visit` on each value in order, starting at the first value >= `from` (> `from` when `after`; the first
   * value when `from` is undefined), until `visit` returns false.
   */
  scan(from: T | undefined, after: boolean, visit: (value: T) => boolean): void {
    let i = 0;
    let pos = 0;
    if (from !== undefined) {
      i = this.chunkFor(from, after);
      if (i === -1) return;
      pos = this.positionIn(this.chunks[i]!, from, after);
    }
    for (; i < this.chunks.length; i++, pos = 0) {
      const chunk = this.chunks[i]!;
      for (; pos < chunk.length; pos++) if (!visit(chunk[pos]!)) return;
    }
  }
}
