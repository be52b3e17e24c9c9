/**
 * The registry of built-in test kits, by lifecycle id, and the invariants that apply to a lifecycle: the core
 * ones, those of its kit and of the kits of every lifecycle it extends, minus those dropped by name.
 *
 * The registry is derived: it holds every kit (made with `defineTestKit`) that `lifecycle-kits.ts` re-exports. To
 * add a lifecycle's kit, write `src/<lifecycle>/kit/` and add its line to `lifecycle-kits.ts`.
 */
import { LifecycleError } from '../core/index.js';
import { workflowInfo } from '../workflow/index.js';
import { coreInvariants } from './core-invariants.js';
import type { AnyLifecycle, Invariant } from './invariants.js';
import * as lifecycleKits from './lifecycle-kits.js';
import { isBuiltInTestKit, type LifecycleTestKit } from './test-kit.js';

/** The built-in lifecycles' test kits, by lifecycle id. */
export const builtInKits: Readonly<Record<string, LifecycleTestKit>> = Object.freeze(
  Object.fromEntries(Object.values(lifecycleKits).filter(isBuiltInTestKit).map((kit) => [kit.lifecycle, kit])),
);

/** The ids a lifecycle answers to, nearest first: its own, then those it extends. */
export function lineageOf(lifecycle: AnyLifecycle): readonly string[] {
  return [lifecycle.id, ...(workflowInfo(lifecycle)?.lineage ?? [])];
}

/** The built-in kits that apply to a lifecycle, nearest first. */
export function kitsOf(lifecycle: AnyLifecycle): readonly LifecycleTestKit[] {
  return lineageOf(lifecycle)
    .filter((id) => Object.prototype.hasOwnProperty.call(builtInKits, id))
    .map((id) => builtInKits[id]!);
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
export function invariantsFor(lifecycle: AnyLifecycle, selection: InvariantSelection = {}): readonly Invariant[] {
  const base = selection.invariants ?? [...coreInvariants, ...kitsOf(lifecycle).flatMap((k) => k.invariants)];
  const byName = new Map<string, Invariant>();
  for (const inv of [...base, ...(selection.add ?? [])]) if (!byName.has(inv.name)) byName.set(inv.name, inv);
  const dropped = [...(workflowInfo(lifecycle)?.dropInvariants ?? []), ...(selection.drop ?? [])];
  const unknown = dropped.filter((name) => !byName.has(name));
  if (unknown.length > 0) {
    throw new LifecycleError(
      'invalid_input',
      `Cannot drop unknown invariant${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `"${n}"`).join(', ')} for "${lifecycle.id}"; its invariants are ${[...byName.keys()].join(', ')}`,
      { details: { lifecycle: lifecycle.id, unknown } },
    );
  }
  return [...byName.values()].filter((inv) => !dropped.includes(inv.name) && (!inv.appliesTo || inv.appliesTo(lifecycle)));
}
