/**
 * The hand-written `WorkflowSpec` and `WorkflowExtension` types and the zod schemas that check them at definition
 * time must name the same fields, each required or optional alike. Checked by `tsc --noEmit` (CI's typecheck) and
 * by `vitest --typecheck`.
 */
import { expectTypeOf, test } from 'vitest';
import type * as z from 'zod';
import type { BaseEvent, EffectDraft } from '../../src/core/index.js';
import type { EventShapes, WorkflowExtension, WorkflowSpec } from '../../src/workflow/index.js';
import type { extensionSchema, specSchema } from '../../src/workflow/spec-schema.js';

type RequiredKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? never : K }[keyof T];

type Spec = WorkflowSpec<string, EventShapes, string, unknown, unknown, EffectDraft>;
type Extension = WorkflowExtension<string, string, unknown, BaseEvent, EventShapes, unknown, EffectDraft>;

test('WorkflowSpec and the spec schema name the same fields', () => {
  expectTypeOf<keyof Spec>().toEqualTypeOf<keyof z.input<typeof specSchema>>();
  expectTypeOf<RequiredKeys<Spec>>().toEqualTypeOf<RequiredKeys<z.input<typeof specSchema>>>();
});

test('WorkflowExtension and the extension schema name the same fields', () => {
  expectTypeOf<keyof Extension>().toEqualTypeOf<keyof z.input<typeof extensionSchema>>();
  expectTypeOf<RequiredKeys<Extension>>().toEqualTypeOf<RequiredKeys<z.input<typeof extensionSchema>>>();
});
