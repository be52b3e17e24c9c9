/** The pieces of a tenant space: index entries, their order, and the atomic step with its undo list. */
import type { StoredEngagement } from '../ports.js';

/** The kinds of record an atomic step writes, in the order a save writes them. */
export type MemoryWriteStep = 'engagement' | 'outbox' | 'audit' | 'record';

/** An engagement as the space holds it: its key string, its partition hash, its stored record. */
export interface Entry {
  readonly key: string;
  readonly hash: number;
  readonly record: StoredEngagement;
}

/** An index entry: due instant in ms, then the key, so that equal instants keep a total order. */
export interface DueEntry {
  readonly ms: number;
  readonly key: string;
  entry: Entry;
  /** The due index's chunk that holds this entry (kept by `DueIndex`), so that removing it needs no search. */
  chunk: DueEntry[];
}

/** Code-unit order, as the library orders keys. */
export const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** One atomic step: each write registers its undo; a throw anywhere undoes what was done, newest first. */
export class Step {
  private readonly undo: (() => void)[] = [];
  constructor(private readonly hook: ((step: MemoryWriteStep) => void) | undefined) {}

  write(kind: MemoryWriteStep, apply: () => () => void): void {
    this.before(kind);
    this.done(apply());
  }

  /**
   * `write` in two halves, for the hot path (a save): `before(kind)` where the write begins, then `done(undo)` with
   * what the write returned. No closure per write; the same order and the same undo on a throw.
   */
  before(kind: MemoryWriteStep): void {
    this.hook?.(kind);
  }

  done(undo: () => void): void {
    this.undo.push(undo);
  }

  rollback(): void {
    for (let i = this.undo.length - 1; i >= 0; i--) this.undo[i]!();
  }
}

/** Runs `fn` as one atomic step: when it throws, what it wrote is undone, newest first, and the error goes on. */
export function atomic<T>(hook: ((step: MemoryWriteStep) => void) | undefined, fn: (step: Step) => T): T {
  const step = new Step(hook);
  try {
    return fn(step);
  } catch (error) {
    step.rollback();
    throw error;
  }
}
