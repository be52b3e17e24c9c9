/**
 * Type tests: where a hand-written interface stays beside the zod schema that validates it (for its doc comments
 * and its `readonly` fields), the two must agree. `Readonly<z.output<...>>` (the schema's output with its fields made
 * readonly, as every output of the library is frozen) must be the interface, so that a field added, removed or
 * retyped on one side and not the other fails the type check (`npm test` runs these with `vitest --typecheck`).
 */
import type * as z from 'zod';
import { describe, expectTypeOf, it } from 'vitest';
import type { Asset, DefectDojoData, EditableFields, EndpointStatus, FileUpload, Finding, Note, Organization, RiskAcceptance, Test } from '../../src/defectdojo/index.js';
import type {
  assetShape,
  endpointStatusShape,
  fileUploadShape,
  findingShape,
  noteShape,
  organizationShape,
  riskAcceptanceShape,
  testShape,
} from '../../src/defectdojo/aggregate/hierarchy.js';
import { reviewDataSchema, reviewSettingsSchema, type ReviewData, type ReviewSettings } from '../../src/review/index.js';

/** Read-only all the way down, so that two types compare by their fields alone (the interfaces nest read-only types). */
type DeepReadonly<T> = T extends readonly (infer U)[] ? readonly DeepReadonly<U>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;
/** The output of a schema, compared with an interface. */
type Out<S extends z.ZodType> = DeepReadonly<z.output<S>>;

describe('hand-written interfaces agree with their schemas', () => {
  it('review: data and settings', () => {
    expectTypeOf<Readonly<z.output<typeof reviewDataSchema>>>().toEqualTypeOf<ReviewData>();
    expectTypeOf<Readonly<z.output<typeof reviewSettingsSchema>>>().toEqualTypeOf<ReviewSettings>();
  });

  it('DefectDojo: every editable field is a data field (applyEdits reads the data by the field name)', () => {
    expectTypeOf<Exclude<keyof EditableFields, 'engagementReason'>>().toExtend<keyof DefectDojoData>();
  });

  it('DefectDojo aggregate: every hierarchy interface is what its schema outputs', () => {
    expectTypeOf<Out<typeof organizationShape>>().toEqualTypeOf<DeepReadonly<Organization>>();
    expectTypeOf<Out<typeof assetShape>>().toEqualTypeOf<DeepReadonly<Asset>>();
    expectTypeOf<Out<typeof noteShape>>().toEqualTypeOf<DeepReadonly<Note>>();
    expectTypeOf<Out<typeof fileUploadShape>>().toEqualTypeOf<DeepReadonly<FileUpload>>();
    expectTypeOf<Out<typeof endpointStatusShape>>().toEqualTypeOf<DeepReadonly<EndpointStatus>>();
    expectTypeOf<Out<typeof findingShape>>().toEqualTypeOf<DeepReadonly<Finding>>();
    expectTypeOf<Out<typeof testShape>>().toEqualTypeOf<DeepReadonly<Test>>();
    expectTypeOf<Out<typeof riskAcceptanceShape>>().toEqualTypeOf<DeepReadonly<RiskAcceptance>>();
  });
});
