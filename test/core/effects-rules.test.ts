/**
 * Effect ids and stamping (`src/core/effects.ts`), stated by hand: `<lifecycle>:<engagement>:<version>:<type>`, with
 * `:<n>` for the n-th effect of a type in one change (the first has none, the second `:2`); each argument refused by
 * name; stamping keeps the drafts' order and fields and numbers each type on its own.
 */
import { describe, expect, it } from 'vitest';
import { effectId, instant } from '../../src/index.js';
import { stampEffects } from '../../src/core/index.js';

describe('effectId', () => {
  it('lifecycle, engagement, version and type, then the number of the type within the change from the second on', () => {
    expect(effectId('plextrac', 'eng-1', 3, 'status_changed')).toBe('plextrac:eng-1:3:status_changed');
    expect(effectId('plextrac', 'eng-1', 3, 'status_changed', 0)).toBe('plextrac:eng-1:3:status_changed');
    expect(effectId('plextrac', 'eng-1', 3, 'status_changed', 1)).toBe('plextrac:eng-1:3:status_changed:2');
    expect(effectId('plextrac', 'eng-1', 3, 'status_changed', 2)).toBe('plextrac:eng-1:3:status_changed:3');
  });

  const refusals: [string, () => unknown, string][] = [
    ['lifecycle', () => effectId('', 'e', 1, 't'), 'Invalid argument "lifecycle" of effectId: expected a non-empty string, got ""'],
    ['engagementId', () => effectId('l', 7 as never, 1, 't'), 'Invalid argument "engagementId" of effectId: expected a non-empty string, got 7'],
    ['version', () => effectId('l', 'e', 0, 't'), 'Invalid argument "version" of effectId: expected an integer of at least 1, got 0'],
    ['type', () => effectId('l', 'e', 1, null as never), 'Invalid argument "type" of effectId: expected a non-empty string, got null'],
    ['n', () => effectId('l', 'e', 1, 't', -1), 'Invalid argument "n" of effectId: expected an integer of at least 0, got -1'],
  ];
  it.each(refusals)('a wrong %s is refused by name', (_name, f, message) => {
    expect(f).toThrow(expect.objectContaining({ code: 'invalid_input', message }));
  });
});

describe('stampEffects', () => {
  const at = instant('2030-01-01T00:00:00Z');
  it('no drafts: no effects', () => {
    expect(stampEffects([], 'l', 'e', 2, at)).toEqual([]);
  });

  it('each draft gets the envelope; a type seen again is numbered, each type on its own, in the drafts\' order', () => {
    const drafts = [{ type: 'a', x: 1 }, { type: 'b' }, { type: 'a', x: 2 }, { type: 'a', x: 3 }, { type: 'b' }];
    const envelope = { lifecycle: 'l', engagementId: 'e', version: 2, at };
    expect(stampEffects(drafts, 'l', 'e', 2, at)).toEqual([
      { id: 'l:e:2:a', type: 'a', ...envelope, x: 1 },
      { id: 'l:e:2:b', type: 'b', ...envelope },
      { id: 'l:e:2:a:2', type: 'a', ...envelope, x: 2 },
      { id: 'l:e:2:a:3', type: 'a', ...envelope, x: 3 },
      { id: 'l:e:2:b:2', type: 'b', ...envelope },
    ]);
  });
});
