/**
 * The registry of built-in test kits, by lifecycle id, and the invariants that apply to a lifecycle: the core
 * ones, those of its kit and of the kits of every lifecycle it extends, minus those dropped by name.
 *
 * The registry is derived: it holds every kit (made with `defineTestKit`) that `lifecycle-kits.ts` re-exports. To
 * add a lifecycle's kit, write `src/<lifecycle>/kit/` and add its line to `lifecycle-kits.ts`.
 */
import { caught, describeValue, lazyObject, LifecycleError } from '../core/index.js';
import { optionsObject, requireLifecycle } from './guards.js';
import { workflowInfo } from '../workflow/index.js';
import { coreInvariants } from './core-invariants.js';
import type { AnyLifecycle, Invariant } from './invariants.js';
import * as lifecycleKits from './lifecycle-kits.js';
import { isBuiltInTestKit, type LifecycleTestKit } from './test-kit.js';

/** The built-in lifecycles' test kits, by lifecycle id. */
export const builtInKits: Readonly<Record<string, LifecycleTestKit>> = /* @__PURE__ */ lazyObject(() => Object.freeze(
  Object.fromEntries(Object.values(lifecycleKits).filter(isBuiltInTestKit).map((kit) => [kit.lifecycle, kit])),
));

/** The ids a lifecycle answers to, nearest first: its own, then those it extends. */
export function lineageOf(lifecycle: AnyLifecycle): readonly string[] {
  return [lifecycle.id, ...(workflowInfo(lifecycle)?.lineage ?? [])];
}

/** The built-in kits that apply to a lifecycle, nearest first. */
export function kitsOf(lifecycle: AnyLifecycle): readonly LifecycleTestKit[] {
  requireLifecycle(lifecycle, 'kitsOf: the lifecycle');
  const lineage = caught('kitsOf', () => lineageOf(lifecycle));
  return Object.freeze(lineage.filter((id) => Object.prototype.hasOwnProperty.call(builtInKits, id)).map((id) => builtInKits[id]!));
}

/** Which invariants a check uses: the defaults, or exactly a list, with names added or dropped. */
export interface InvariantSelection {
  /** Use exactly these instead of the defaults (core + built-in kits). */
  readonly invariants?: readonly Invariant[];
  /** Added to the list. */
  readonly add?: readonly Invariant[];
  /** Names removed from the list (a workflow's `dropInvariants` are removed too). */
  readonly drop?: readonly string[];
}

/**
 * The invariants checked for a lifecycle: the core invariants, those of the built-in kits in its lineage, minus
 * the workflow's `dropInvariants` and `drop`, plus `add`.
 * @throws LifecycleError `invalid_input` when a dropped name is not one of the invariants.
 */
export function invariantsFor(lifecycle: AnyLifecycle, selectionInput: InvariantSelection = {}): readonly Invariant[] {
  requireLifecycle(lifecycle, 'invariantsFor: the lifecycle');
  const selection = selectionOf(selectionInput);
  const base = selection.invariants ?? [...coreInvariants, ...kitsOf(lifecycle).flatMap((k) => k.invariants)];
  const byName = new Map<string, Invariant>();
  for (const inv of [...base, ...(selection.add ?? [])]) if (!byName.has(inv.name)) byName.set(inv.name, inv);
  const dropped = [...(caught('invariantsFor', () => workflowInfo(lifecycle))?.dropInvariants ?? []), ...(selection.drop ?? [])];
  const unknown = dropped.filter((name) => !byName.has(name));
  if (unknown.length > 0) {
    throw new LifecycleError(
      'invalid_input',
      `Cannot drop unknown invariant${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `"${n}"`).join(', ')} for "${lifecycle.id}"; its invariants are ${[...byName.keys()].join(', ')}`,
      { details: { lifecycle: lifecycle.id, unknown } },
    );
  }
  return Object.freeze([...byName.values()].filter((inv) => !dropped.includes(inv.name) && (!inv.appliesTo || inv.appliesTo(lifecycle))));
}

/** Is `value` an invariant (from `defineInvariant`: a name, a description, a check)? */
const isInvariant = (value: unknown): value is Invariant =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Invariant).name === 'string' &&
  typeof (value as Invariant).check === 'function';

/** The selection, read once into a copy whose lists hold what they say (invariants, names). */
function selectionOf(input: InvariantSelection): InvariantSelection {
  const s = optionsObject(input, 'the invariant selection');
  return caught('the invariant selection', () => {
    const list = <T>(value: unknown, field: string, ok: (v: unknown) => v is T): readonly T[] | undefined => {
      if (value === undefined) return undefined;
      if (!Array.isArray(value) || !value.every(ok)) {
        throw new LifecycleError('invalid_input', `The invariant selection's "${field}" must be an array of ${field === 'drop' ? 'invariant names' : 'invariants'}, got ${describeValue(value)}`);
      }
      return [...value] as T[];
    };
    const invariants = list(s.invariants, 'invariants', isInvariant);
    const add = list(s.add, 'add', isInvariant);
    const drop = list(s.drop, 'drop', (v): v is string => typeof v === 'string');
    return { ...(invariants ? { invariants } : {}), ...(add ? { add } : {}), ...(drop ? { drop } : {}) };
  });
}
