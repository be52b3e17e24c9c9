/**
 * The built-in lifecycles are compiled on first use (`builtInLifecycle`), not when their entry is imported: their
 * declarations must pass the same checks a user's declaration passes where it is written, and a broken one must
 * still come out as the typed `invalid_declaration`, from the first call.
 */
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { builtInDeclaration, builtInLifecycle, creationEventSchema, declareLifecycle, defineLifecycle, isLifecycleError } from '../../src/core/index.js';
import { defectDojoDeclaration, defectdojo } from '../../src/defectdojo/index.js';
import { plextrac, plextracDeclaration } from '../../src/plextrac/index.js';
import { review, reviewDeclaration } from '../../src/review/index.js';

const builtIns = [
  ['plextrac', plextracDeclaration, plextrac],
  ['defectdojo', defectDojoDeclaration, defectdojo],
  ['review', reviewDeclaration, review],
] as const;

describe('built-in lifecycles, compiled on first use', () => {
  it.each(builtIns)('%s: the declaration passes declareLifecycle and defineLifecycle as a user declaration would', (id, declaration, lifecycle) => {
    expect(declareLifecycle(declaration as never)).toBe(declaration);
    const eager = defineLifecycle(declaration as never);
    expect(eager.id).toBe(id);
    expect(lifecycle.declaration).toBe(declaration);
    expect(lifecycle.id).toBe(id);
    // The same defaults, from the same settings schema.
    expect(lifecycle.parseSettings({})).toEqual(eager.parseSettings({}));
  });

  it('a broken built-in declaration is refused with invalid_declaration at its first call, not with another throw', () => {
    const broken = builtInDeclaration({
      id: 'broken',
      version: 1,
      statuses: ['Open'],
      terminal: [],
      data: z.object({}),
      events: { open: creationEventSchema('open', {}) },
      settings: z.object({}),
      create: [{ on: 'open', to: 'Nowhere' as 'Open', init: () => ({}) }],
      transitions: [],
    });
    const lifecycle = builtInLifecycle(broken);
    expect(lifecycle.id).toBe('broken');
    const created = lifecycle.create({ type: 'open', id: 'b1', at: '2026-01-01T00:00:00Z' } as never);
    expect(created.ok).toBe(false);
    if (!created.ok) {
      expect(created.error.code).toBe('invalid_declaration');
      expect(created.error.message).toContain('unknown status "Nowhere"');
    }
    let thrown: unknown;
    try {
      lifecycle.parseSettings({});
    } catch (error) {
      thrown = error;
    }
    expect(isLifecycleError(thrown) && thrown.code).toBe('invalid_declaration');
    // defineLifecycle refuses the same declaration where it is defined.
    expect(() => defineLifecycle(broken)).toThrow(/unknown status "Nowhere"/);
  });
});
