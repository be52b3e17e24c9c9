/**
 * The effect guards (`src/core/effect-guards.ts`), stated from their documentation: `isEffectOf` holds for an
 * effect envelope (string `type`, `id`, `lifecycle` and `engagementId`) whose `lifecycle` is the lifecycle's id, and
 * for nothing else; `isEffectType` holds for an object whose `type` is the one asked; what a caller's getter throws
 * becomes `invalid_input` naming the guard.
 */
import { describe, expect, it } from 'vitest';
import { isEffectOf, isEffectType, unwrap } from '../../src/index.js';
import { plextrac } from '../../src/plextrac/index.js';
import { thrownCode, thrownMessage, trap } from '../fuzz/refusals.js';

const envelope = { type: 'assign_operators', id: 'e1', lifecycle: 'plextrac', engagementId: 'eng-1', operators: ['ana'] } as const;

describe('isEffectOf', () => {
  it('holds for an effect the lifecycle emitted', () => {
    const { state } = unwrap(
      plextrac.create({ type: 'request', id: 'eng-1', at: '2026-03-02T09:00:00Z', clientId: 'acme', name: 'Web app test', startDate: '2026-04-01' }),
    );
    const approved = unwrap(plextrac.apply(state, { type: 'approve', at: '2026-03-03T09:00:00Z', operators: ['ana'] }));
    expect(approved.effects.length).toBeGreaterThan(0);
    for (const effect of approved.effects) expect(isEffectOf(plextrac, effect)).toBe(true);
  });

  it('holds for a plain envelope with the lifecycle\'s id, and not for another lifecycle\'s', () => {
    expect(isEffectOf(plextrac, envelope)).toBe(true);
    expect(isEffectOf(plextrac, { ...envelope })).toBe(true);
    expect(isEffectOf(plextrac, { ...envelope, lifecycle: 'defectdojo' })).toBe(false);
    expect(isEffectOf({ id: 'defectdojo' }, envelope)).toBe(false);
  });

  it('needs each of the four envelope fields, as a string', () => {
    for (const field of ['type', 'id', 'lifecycle', 'engagementId'] as const) {
      const { [field]: _gone, ...without } = envelope;
      expect(isEffectOf(plextrac, without)).toBe(false);
      expect(isEffectOf(plextrac, { ...envelope, [field]: 7 })).toBe(false);
    }
  });

  it('is false for what is not an object', () => {
    for (const value of [null, undefined, 'plextrac', 3, true]) expect(isEffectOf(plextrac, value)).toBe(false);
  });

  it('a getter that throws becomes invalid_input naming the guard', () => {
    expect(thrownCode(() => isEffectOf(plextrac, trap()))).toBe('invalid_input');
    expect(thrownMessage(() => isEffectOf(plextrac, trap()))).toBe('Invalid input to isEffectOf: reading it threw (Error: trap)');
  });
});

describe('isEffectType', () => {
  it('holds when the effect\'s type is the one asked, and only then', () => {
    expect(isEffectType(envelope, 'assign_operators')).toBe(true);
    expect(isEffectType(envelope as { readonly type: string; readonly id: string }, 'status_changed')).toBe(false);
  });

  it('is false for what is not an object', () => {
    for (const value of [null, undefined, 'assign_operators']) expect(isEffectType(value as never, 'assign_operators' as never)).toBe(false);
  });

  it('a getter that throws becomes invalid_input naming the guard', () => {
    expect(thrownMessage(() => isEffectType(trap() as never, 'x' as never))).toBe('Invalid input to isEffectType: reading it threw (Error: trap)');
  });
});
