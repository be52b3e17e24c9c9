/**
 * The "valid by construction" mark on engine states (`src/core/brand.ts`): the engines skip re-validating what
 * they made, and nothing else may pass for it. A copy, however faithful, is validated like any input.
 */
import { describe, expect, it } from 'vitest';
import { unwrap } from '../../src/index.js';
import { brand } from '../../src/core/brand.js';
import { isTrusted } from '../../src/core/step.js';
import { ticket } from './fixtures.js';

const open = { type: 'open', id: 't1', at: '2024-01-01T00:00:00.000Z', title: 'Scope call', points: 3, dueMs: Date.UTC(2024, 0, 1, 10) } as const;

describe('the trusted mark', () => {
  const state = unwrap(ticket.create(open)).state;

  it('marks what the engine makes, and is invisible to keys, JSON, spreads and deep equality', () => {
    expect(isTrusted(state)).toBe(true);
    expect(Object.keys(state)).toEqual(['lifecycle', 'lifecycleVersion', 'id', 'status', 'version', 'createdAt', 'updatedAt', 'data']);
    expect(JSON.parse(JSON.stringify(state))).toStrictEqual({ ...state });
    expect({ ...state }).toStrictEqual(state);
    expect(Object.isFrozen(state)).toBe(true);
  });

  it('a copy is not trusted: spread, structuredClone, or a value inheriting from a state', () => {
    expect(isTrusted({ ...state })).toBe(false);
    expect(isTrusted(structuredClone(state))).toBe(false);
    expect(isTrusted(Object.create(state))).toBe(false);
  });

  it('a copy with a wrong field is refused, where the trusted original would pass unchecked', () => {
    const forged = { ...state, status: 'Nonsense' };
    const result = ticket.apply(forged as never, { type: 'tick', at: '2024-01-01T01:00:00.000Z' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('invalid_input');
  });

  it('a frozen value cannot take a mark and stays unmarked; a mark is per brand', () => {
    const a = brand('a');
    const b = brand('b');
    const frozen = Object.freeze({ n: 1 });
    expect(a.has(a.set(frozen))).toBe(false);
    const fresh = a.set({ n: 2 });
    expect(a.has(fresh)).toBe(true);
    expect(b.has(fresh)).toBe(false);
    expect(a.has(null)).toBe(false);
    expect(a.has('text')).toBe(false);
    expect(a.has(undefined)).toBe(false);
    expect(a.has(7)).toBe(false);
  });

  it('the mark is one own symbol, named for debugging, that does not enumerate', () => {
    const marked = brand('probe').set({ n: 1 });
    const symbols = Object.getOwnPropertySymbols(marked);
    expect(symbols.map((s) => s.description)).toEqual(['engagement-lifecycle.probe']);
    expect(Object.getOwnPropertyDescriptor(marked, symbols[0]!)).toMatchObject({ enumerable: false, writable: false, configurable: false });
  });
});
