/**
 * The checks made around every call: inputs untouched (content and freeze state), outputs deeply frozen, no
 * prototype pollution, the thrown value a `LifecycleError`.
 *
 * The input snapshot is structured-clone-like but reads property descriptors instead of values, so that it never
 * runs a caller's getter, and it does not look inside the harness's Proxies (their traps throw on purpose).
 */
import { isHarnessProxy } from './values.js';

const MAX_NODES = 20_000;

/** One object of an argument as it was: its flags, prototype, and own properties (values by content or identity). */
interface NodeShot {
  readonly ref: object;
  readonly frozen: boolean;
  readonly extensible: boolean;
  readonly proto: object | null;
  readonly props: readonly Prop[];
  readonly extra: unknown;
}

const isObject = (value: unknown): value is object => value !== null && (typeof value === 'object' || typeof value === 'function');

/** The string of a boxed `String` (`new String(...)`), else undefined. */
function boxedString(value: object): string | undefined {
  try {
    return String.prototype.valueOf.call(value);
  } catch {
    return undefined;
  }
}

/**
 * The own keys the snapshot records. A boxed string's are not listed: its index keys cannot change (non-writable,
 * non-configurable) and its content, flags and prototype are recorded, while listing the keys of a string of 10^6
 * characters cost the harness 3.6 s of CPU per call (34 s wall on the loaded machine), which the watchdog reported
 * as a hang of the library. (A key the library added to a caller's boxed string would go unseen: none does.)
 */
function keysOf(value: object): PropertyKey[] {
  return boxedString(value) === undefined ? Reflect.ownKeys(value) : [];
}

function contentOf(value: object): unknown {
  const text = boxedString(value);
  if (text !== undefined) return text;
  if (ArrayBuffer.isView(value)) return Array.from(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)).join(',');
  if (value instanceof Date) return value.getTime();
  if (value instanceof Map) return [...value.entries()];
  if (value instanceof Set) return [...value.values()];
  return undefined;
}

/** Records every object reachable from `roots` through own data properties. */
export function snapshot(roots: readonly unknown[]): NodeShot[] {
  const seen = new Set<object>();
  const shots: NodeShot[] = [];
  const stack: unknown[] = [...roots];
  while (stack.length > 0 && shots.length < MAX_NODES) {
    const value = stack.pop();
    if (!isObject(value) || seen.has(value)) continue;
    seen.add(value);
    // zod schemas fill lazy caches when used: their internals are zod's, not an input the library changed.
    if (isHarnessProxy(value) || typeof value === 'function' || Object.prototype.hasOwnProperty.call(value, '_zod')) continue;
    const props: Prop[] = [];
    for (const key of keysOf(value)) {
      const d = Object.getOwnPropertyDescriptor(value, key);
      if (!d) continue;
      props.push(propOf(key, d));
      if ('value' in d && isObject(d.value)) stack.push(d.value);
    }
    let extra = contentOf(value);
    if (Array.isArray(extra)) {
      for (const item of extra.flat()) if (isObject(item)) stack.push(item);
      extra = JSON.stringify(extra, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : isObject(v) ? '[object]' : v));
    }
    shots.push({ ref: value, frozen: Object.isFrozen(value), extensible: Object.isExtensible(value), proto: Object.getPrototypeOf(value) as object | null, props, extra });
  }
  return shots;
}

/** A property as the snapshot records it: its value, or its getter and setter (compared by identity). */
type Prop = readonly [key: PropertyKey, accessor: boolean, first: unknown, second: unknown];

function propOf(key: PropertyKey, d: PropertyDescriptor): Prop {
  return 'value' in d ? [key, false, d.value, undefined] : [key, true, d.get, d.set];
}

/** What happened to the inputs: `frozen` when the call froze (or sealed) one, `changed` when it changed content. */
export function compareSnapshot(before: readonly NodeShot[]): { readonly frozen: boolean; readonly changed: boolean } {
  let frozen = false;
  let changed = false;
  for (const shot of before) {
    const now = shot.ref;
    if (!shot.frozen && (Object.isFrozen(now) || Object.isExtensible(now) !== shot.extensible)) frozen = true;
    if (Object.getPrototypeOf(now) !== shot.proto) changed = true;
    const keys = keysOf(now);
    if (keys.length !== shot.props.length) changed = true;
    for (const prop of shot.props) {
      const d = Object.getOwnPropertyDescriptor(now, prop[0]);
      const p = d ? propOf(prop[0], d) : null;
      if (!p || p[1] !== prop[1] || !Object.is(p[2], prop[2]) || !Object.is(p[3], prop[3])) changed = true;
    }
    if (shot.extra !== undefined) {
      const extra = contentOf(now);
      const text = Array.isArray(extra) ? JSON.stringify(extra, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : isObject(v) ? '[object]' : v)) : extra;
      if (!Object.is(text, shot.extra)) changed = true;
    }
  }
  return { frozen, changed };
}

const PLAIN_PROTOS = new Set<object | null>([Object.prototype, Array.prototype, null]);

/**
 * Where in an output data objects are not frozen (paths, at most `limit`), empty when all are. Only data is
 * walked: plain objects, arrays and typed arrays. Class instances (errors, fast-check arbitraries) and service
 * objects (objects with function-valued properties: lifecycles, stores, engines) are not data and are not walked.
 * Objects that were passed in are the caller's, not outputs. The walk goes on below an unfrozen object, so that a
 * fixed envelope does not reveal a second failure only on the next run.
 */
export function unfrozenPaths(output: unknown, inputs: ReadonlySet<object>, limit = 4): string[] {
  const found: string[] = [];
  const seen = new Set<object>();
  const stack: [unknown, string][] = [[output, '$']];
  while (stack.length > 0 && seen.size < MAX_NODES && found.length < limit) {
    const [value, path] = stack.pop()!;
    if (!isObject(value) || typeof value === 'function' || seen.has(value) || inputs.has(value) || isHarnessProxy(value)) continue;
    seen.add(value);
    if (ArrayBuffer.isView(value)) {
      if (value.byteLength > 0) found.push(path);
      continue;
    }
    if (!PLAIN_PROTOS.has(Object.getPrototypeOf(value) as object | null)) continue;
    const entries = Object.entries(value);
    if (entries.some(([, v]) => typeof v === 'function')) continue;
    if (!Object.isFrozen(value)) found.push(path);
    for (const [key, v] of entries) stack.push([v, `${path}.${key}`]);
  }
  return found;
}

/** The built-in prototypes a library could pollute, with their own keys at start. */
const PROTOTYPES: readonly object[] = [Object.prototype, Array.prototype, Function.prototype, String.prototype];
const baseline = PROTOTYPES.map((p) => Reflect.ownKeys(p).map(String).sort().join('|'));

/** True when a built-in prototype gained or lost a key; the damage is undone so that later calls are judged alone. */
export function prototypePolluted(): boolean {
  let polluted = false;
  PROTOTYPES.forEach((proto, i) => {
    const keys = Reflect.ownKeys(proto);
    if (keys.map(String).sort().join('|') === baseline[i]) return;
    polluted = true;
    const known = new Set(baseline[i]!.split('|'));
    for (const key of keys) if (!known.has(String(key))) delete (proto as Record<PropertyKey, unknown>)[key];
  });
  return polluted;
}

/**
 * True for a `LifecycleError` with a known code and a message, or an instance of an error class the target's own
 * entry exports (the testing kit's `LifecycleCheckError` and the like: what its checks throw when a check fails).
 */
export function isTypedLibraryError(error: unknown, codes: readonly string[], documented: readonly Function[] = []): boolean {
  if (documented.some((c) => error instanceof c)) return true;
  if (!(error instanceof Error) || error.name !== 'LifecycleError') return false;
  const { code } = error as { code?: unknown };
  return typeof code === 'string' && codes.includes(code) && typeof error.message === 'string' && error.message.length > 0;
}

/** A short, stable description of a thrown value: its class name and the first line of its message. */
export function describeThrown(error: unknown): { readonly name: string; readonly message: string } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const name = error.name === 'LifecycleError' ? `LifecycleError(${String(code)})` : error.constructor?.name ?? error.name;
    return { name, message: String(error.message).split('\n')[0]!.slice(0, 160) };
  }
  let text: string;
  try {
    text = String(error);
  } catch {
    text = Object.prototype.toString.call(error);
  }
  return { name: typeof error, message: text.slice(0, 160) };
}

/** Every object reachable from the arguments (identity), so that returning an input is not taken for an output. */
export function objectsOf(shots: readonly NodeShot[], roots: readonly unknown[]): Set<object> {
  const set = new Set<object>(shots.map((s) => s.ref));
  for (const root of roots) if (isObject(root)) set.add(root);
  return set;
}
