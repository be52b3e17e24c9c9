/**
 * The argument lists thrown at a target: a valid list as it is, a valid list with one or two fields changed,
 * removed, added, retyped, made cyclic or wrapped in a hostile shell, or a list of unstructured values.
 * Mutations copy the containers on their path (keeping prototypes and accessors), so the corpus is never changed.
 */
import * as fc from 'fast-check';
import { chooserOf, type Chooser, type Corpus } from './corpus.js';
import type { Target } from './targets.js';
import { hostileShellArb, isHarnessProxy, weirdValueArb } from './values.js';

type Path = readonly PropertyKey[];

const OPS = ['replace', 'replace', 'remove', 'add', 'retype', 'retype', 'cycle', 'extra-arg'] as const;
type Op = (typeof OPS)[number];

interface Mutation {
  readonly op: Op;
  readonly at: number;
  readonly value: unknown;
  readonly shell: (value: unknown) => unknown;
  readonly key: string;
}

const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom(...OPS),
  at: fc.nat(),
  value: weirdValueArb,
  shell: hostileShellArb,
  key: fc.constantFrom('__proto__', 'constructor', 'extra', 'type', 'status', 'lifecycleVersion', '0'),
});

const isContainer = (value: unknown): value is object => {
  if (value === null || typeof value !== 'object' || isHarnessProxy(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === Array.prototype || proto === null;
};

/** Paths to every field of plain containers in the arguments (breadth-first, bounded). */
function pathsOf(args: readonly unknown[]): Path[] {
  const paths: Path[] = [];
  const queue: [unknown, Path][] = Array.from(args, (a, i) => [a, [i]]);
  const seen = new Set<object>();
  while (queue.length > 0 && paths.length < 300) {
    const [value, path] = queue.shift()!;
    paths.push(path);
    if (!isContainer(value) || seen.has(value) || path.length > 6) continue;
    seen.add(value);
    for (const key of Reflect.ownKeys(value)) {
      const d = Object.getOwnPropertyDescriptor(value, key);
      if (Array.isArray(value) && key === 'length') continue;
      if (d && 'value' in d) queue.push([d.value, [...path, key]]);
    }
  }
  return paths;
}

/** A copy that keeps the prototype, accessors and array-ness, with every property editable again. */
function copy(value: object): Record<PropertyKey, unknown> {
  const c = (Array.isArray(value) ? [] : Object.create(Object.getPrototypeOf(value) as object | null)) as Record<PropertyKey, unknown>;
  for (const key of Reflect.ownKeys(value)) {
    if (Array.isArray(value) && key === 'length') continue;
    const d = Object.getOwnPropertyDescriptor(value, key)!;
    Object.defineProperty(c, key, { ...d, configurable: true, ...('value' in d ? { writable: true } : {}) });
  }
  return c;
}

/** A copy of `root` with `change` applied to the container that holds the last key of `path`. */
function edit(root: unknown, path: Path, change: (container: Record<PropertyKey, unknown>, key: PropertyKey) => void): unknown {
  if (path.length === 0 || !isContainer(root)) return root;
  const container = copy(root);
  const [key, ...rest] = path as [PropertyKey, ...PropertyKey[]];
  if (rest.length === 0) change(container, key);
  else Object.defineProperty(container, key, { value: edit(container[key], rest, change), writable: true, enumerable: true, configurable: true });
  return container;
}

const set = (container: Record<PropertyKey, unknown>, key: PropertyKey, value: unknown) =>
  Object.defineProperty(container, key, { value, writable: true, enumerable: true, configurable: true });

/** Applies one mutation to an argument list (the list is a container too: path[0] is an argument's index). */
export function mutate(args: readonly unknown[], m: Mutation): unknown[] {
  if (m.op === 'extra-arg' || args.length === 0) return [...args, m.value];
  const paths = pathsOf(args);
  const path = paths[m.at % paths.length]!;
  const list: unknown = [...args];
  const result = edit(list, path, (container, key) => {
    const current = container[key];
    switch (m.op) {
      case 'replace':
        return set(container, key, m.value);
      case 'remove':
        return void delete container[key];
      case 'add':
        return set(container, key, isContainer(current) ? addKey(current, m.key, m.value) : m.value);
      case 'retype':
        return set(container, key, m.shell(current));
      default:
        return set(container, key, container === list ? current : list);
    }
  });
  return result as unknown[];
}

/** A copy of a container with one more own key (defined, so that `__proto__` stays an own key). */
function addKey(container: object, key: string, value: unknown): object {
  const c = copy(container);
  set(c, key, value);
  return c;
}

/** A valid argument list for the target, or valid values of any kind when it has no builder. */
function validArgs(target: Target, corpus: Corpus, choose: Chooser): unknown[] {
  try {
    const args = target.valid(choose);
    if (args) return args;
  } catch {
    /* A builder that fails (a refused creation) falls back to pool values. */
  }
  const count = choose([0, 1, 1, 2, 2, 3]);
  return Array.from({ length: count }, () => choose(corpus.pool)());
}

/** The argument lists for one target, with a label saying how each was made. */
export function argsArb(target: Target, corpus: Corpus): fc.Arbitrary<{ readonly how: string; readonly args: unknown[] }> {
  const valid = fc.array(fc.nat(), { minLength: 8, maxLength: 8 }).map((nums) => validArgs(target, corpus, chooserOf(nums)));
  return fc.oneof(
    { weight: 2, arbitrary: valid.map((args) => ({ how: 'valid', args })) },
    {
      weight: 5,
      arbitrary: fc
        .tuple(valid, fc.array(mutationArb, { minLength: 1, maxLength: 2 }))
        .map(([args, ms]) => ({ how: `mutated (${ms.map((m) => m.op).join(', ')})`, args: ms.reduce<unknown[]>(mutate, args) })),
    },
    { weight: 3, arbitrary: fc.array(weirdValueArb, { maxLength: 4 }).map((args) => ({ how: 'unstructured', args })) },
  );
}
