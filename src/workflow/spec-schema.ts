/**
 * The shape a workflow spec or extension must have, checked when it is defined (before any name or graph check),
 * so that a mistyped field fails with a readable `invalid_declaration` instead of a crash later.
 */
import * as z from 'zod';
import { LifecycleError, zodIssues } from '../core/index.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
/** Any function a spec passes (guards, updates, effects): the core types them, the spec schema only checks they are functions. */
export type AnyFn = (...args: any[]) => any;
const fn = z.custom<AnyFn>((v) => typeof v === 'function', { message: 'expected a function' });
const zodSchema = z.custom<z.ZodType>((v) => typeof v === 'object' && v !== null && '_zod' in v, { message: 'expected a zod schema' });
const name = z.string().min(1);
const names = z.array(name);
const effectsSpec = z.union([z.array(z.looseObject({ type: name })), fn]);
const transitionSchema = z.strictObject({
  from: z.union([name, names.min(1)]),
  on: name,
  to: z.union([name, z.looseObject({ oneOf: names.min(1), select: fn })]).optional(),
  guard: fn.optional(),
  refusal: z.string().optional(),
  reject: fn.optional(),
  update: fn.optional(),
  effects: effectsSpec.optional(),
  label: z.string().optional(),
});
const shapes = z.record(name, z.record(z.string(), zodSchema));

/** The shape of a `WorkflowSpec`. */
export const specSchema = z.strictObject({
  id: name,
  version: z.number().int().min(1).optional(),
  statuses: names.min(1),
  initial: name,
  createOn: name.optional(),
  terminal: names.optional(),
  events: shapes,
  transitions: z.array(transitionSchema),
  effects: z.record(z.string(), effectsSpec).optional(),
  data: zodSchema.optional(),
  init: fn.optional(),
  settings: zodSchema.optional(),
  clockEvent: name.optional(),
  nextDue: fn.optional(),
  facets: fn.optional(),
  hints: z.record(z.string(), z.string()).optional(),
});

/** The shape of a `WorkflowExtension`. */
export const extensionSchema = z.strictObject({
  id: name,
  version: z.number().int().min(1).optional(),
  statuses: names.optional(),
  terminal: names.optional(),
  events: shapes.optional(),
  transitions: z.array(transitionSchema).optional(),
  removeTransitions: z.array(z.strictObject({ on: name, from: z.union([name, names.min(1)]).optional() })).optional(),
  alsoFrom: z.record(z.string(), names).optional(),
  effects: z.record(z.string(), effectsSpec).optional(),
  hints: z.record(z.string(), z.string()).optional(),
  dropInvariants: names.optional(),
});

/**
 * Checks a spec or extension against its schema.
 * @throws LifecycleError `invalid_declaration` with every issue, readable.
 */
export function checkShape(schema: z.ZodType, input: unknown, what: string): void {
  const result = schema.safeParse(input);
  if (result.success) return;
  const id = typeof input === 'object' && input !== null && typeof (input as { id?: unknown }).id === 'string' ? (input as { id: string }).id : '?';
  throw new LifecycleError('invalid_declaration', `Workflow "${id}": invalid ${what}:\n${z.prettifyError(result.error)}`, {
    issues: zodIssues(result.error),
    details: { workflow: id },
  });
}
