/**
 * The shape a workflow spec or extension must have, checked when it is defined (before any name or graph check),
 * so that a mistyped field fails with a readable `invalid_declaration` instead of a crash later.
 */
import * as z from 'zod';
import { eager, lazyObject, LifecycleError, zodIssues } from '../core/index.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
/** Any function a spec passes (guards, updates, effects): the core types them, the spec schema only checks they are functions. */
export type AnyFn = (...args: any[]) => any;
const fn = /* @__PURE__ */ lazyObject(() => z.custom<AnyFn>((v) => typeof v === 'function', { message: 'expected a function' }));
const zodSchema = /* @__PURE__ */ lazyObject(() => z.custom<z.ZodType>((v) => typeof v === 'object' && v !== null && '_zod' in v, { message: 'expected a zod schema' }));
const name = /* @__PURE__ */ lazyObject(() => z.string().min(1));
const names = /* @__PURE__ */ lazyObject(() => z.array(eager(name)));
const effectsSpec = /* @__PURE__ */ lazyObject(() => z.union([z.array(z.looseObject({ type: eager(name) })), eager(fn)]));
const transitionSchema = /* @__PURE__ */ lazyObject(() => z.strictObject({
  from: z.union([eager(name), eager(names).min(1)]),
  on: eager(name),
  to: z.union([eager(name), z.looseObject({ oneOf: eager(names).min(1), select: eager(fn) })]).optional(),
  guard: eager(fn).optional(),
  refusal: z.string().optional(),
  reject: eager(fn).optional(),
  update: eager(fn).optional(),
  effects: eager(effectsSpec).optional(),
  label: z.string().optional(),
}));
const shapes = /* @__PURE__ */ lazyObject(() => z.record(eager(name), z.record(z.string(), eager(zodSchema))));

/** The shape of a `WorkflowSpec`. */
export const specSchema = /* @__PURE__ */ lazyObject(() => z.strictObject({
  id: eager(name),
  version: z.number().int().min(1).optional(),
  statuses: eager(names).min(1),
  initial: eager(name),
  createOn: eager(name).optional(),
  terminal: eager(names).optional(),
  events: eager(shapes),
  transitions: z.array(eager(transitionSchema)),
  effects: z.record(z.string(), eager(effectsSpec)).optional(),
  data: eager(zodSchema).optional(),
  init: eager(fn).optional(),
  settings: eager(zodSchema).optional(),
  clockEvent: eager(name).optional(),
  nextDue: eager(fn).optional(),
  facets: eager(fn).optional(),
  hints: z.record(z.string(), z.string()).optional(),
}));

/** The shape of a `WorkflowExtension`. */
export const extensionSchema = /* @__PURE__ */ lazyObject(() => z.strictObject({
  id: eager(name),
  version: z.number().int().min(1).optional(),
  statuses: eager(names).optional(),
  terminal: eager(names).optional(),
  events: eager(shapes).optional(),
  transitions: z.array(eager(transitionSchema)).optional(),
  removeTransitions: z.array(z.strictObject({ on: eager(name), from: z.union([eager(name), eager(names).min(1)]).optional() })).optional(),
  alsoFrom: z.record(z.string(), eager(names)).optional(),
  effects: z.record(z.string(), eager(effectsSpec)).optional(),
  hints: z.record(z.string(), z.string()).optional(),
  dropInvariants: eager(names).optional(),
}));

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
