/**
 * Type tests: where a hand-written interface stays beside the zod schema that validates it (for its doc comments
 * and its `readonly` fields), the two must agree. `Readonly<z.output<...>>` (the schema's output with its fields made
 * readonly, as every output of the library is frozen) must be the interface, so that a field added, removed or
 * retyped on one side and not the other fails the type check (`npm test` runs these with `vitest --typecheck`).
 */
import type * as z from 'zod';
import { describe, expectTypeOf, it } from 'vitest';
import type { DefectDojoData, EditableFields } from '../../src/defectdojo/index.js';
import { reviewDataSchema, reviewSettingsSchema, type ReviewData, type ReviewSettings } from '../../src/review/index.js';

describe('hand-written interfaces agree with their schemas', () => {
  it('review: data and settings', () => {
    expectTypeOf<Readonly<z.output<typeof reviewDataSchema>>>().toEqualTypeOf<ReviewData>();
    expectTypeOf<Readonly<z.output<typeof reviewSettingsSchema>>>().toEqualTypeOf<ReviewSettings>();
  });

  it('DefectDojo: every editable field is a data field (applyEdits reads the data by the field name)', () => {
    expectTypeOf<Exclude<keyof EditableFields, 'engagementReason'>>().toExtend<keyof DefectDojoData>();
  });
});
