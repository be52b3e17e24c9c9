/**
 * Values built on first use instead of at import.
 *
 * Building zod schemas was most of what importing an entry cost beyond its dependencies (each zod constructor
 * compiles on its first call, and DefectDojo alone exports a few hundred schema objects). The schemas a module
 * exports are public values with precise types, so they cannot become functions or `z.lazy` without changing
 * those types. `lazyObject` keeps the type: it returns a stand-in that builds the object on its first use and from
 * then on behaves as it (property reads, method calls, `instanceof`, `Object.keys`, spreading, frozenness).
 * Library code that composes such a value into a hot path takes the built object with `eager`, so that parsing
 * does not go through the stand-in.
 */

const INSPECT = Symbol.for('nodejs.util.inspect.custom');
const TRAPS = ['set', 'has', 'ownKeys', 'getOwnPropertyDescriptor', 'defineProperty', 'deleteProperty', 'getPrototypeOf', 'setPrototypeOf', 'isExtensible', 'preventExtensions'] as const;

/** The built object behind each stand-in, built on demand. */
const builtOf = new WeakMap<object, () => object>();

/** `build()` run once, on the first call; every call returns that value. */
export function once<T>(build: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = build();
      done = true;
    }
    return value;
  };
}

/**
 * A stand-in for `build()`, typed as its result, that calls `build` on its first use (any property read, key
 * listing, `instanceof` or freeze check) and then behaves as the built object. `build` must return an object and
 * is called at most once (again only if it threw).
 */
export function lazyObject<T extends object>(build: () => T): T {
  // The proxy's target becomes a shallow copy of the built object (same prototype, same property descriptors, so
  // the same frozenness), so the proxy's invariants hold and tools that read the target (Node's inspector) see it.
  const shell = {} as Record<PropertyKey, unknown>;
  let built: T | undefined;
  const materialise = (): T => {
    if (built === undefined) {
      const value = build();
      delete shell[INSPECT];
      Object.setPrototypeOf(shell, Object.getPrototypeOf(value));
      Object.defineProperties(shell, Object.getOwnPropertyDescriptors(value));
      if (!Object.isExtensible(value)) Object.preventExtensions(shell);
      aliasForJsonSchema(value, proxy);
      built = value;
    }
    return built;
  };
  // Node's inspector reads the target without traps: until the first use, show what it stands for.
  Object.defineProperty(shell, INSPECT, {
    configurable: true,
    value: (_depth: number, options: object, inspect: (value: unknown, options: object) => string) => inspect(materialise(), options),
  });
  // Reads are the common use: no rest arguments there. Every other trap builds first, then acts on the copy.
  const handler: ProxyHandler<object> = { get: (target, key, receiver) => (built ?? materialise(), Reflect.get(target, key, receiver)) };
  for (const trap of TRAPS) handler[trap] = (...args: unknown[]) => (materialise(), (Reflect[trap] as (...a: unknown[]) => never)(...args));
  const proxy = new Proxy(shell, handler) as T;
  builtOf.set(proxy, materialise);
  return proxy;
}

// The parts of zod's JSON Schema internals used here: every visited schema's entry, and the path of schemas to it.
type JsonSchemaContext = { readonly seen: Map<object, unknown> };
type JsonSchemaParams = { readonly schemaPath: readonly object[] };
type Internals = { processJSONSchema?: (ctx: JsonSchemaContext, json: unknown, params: JsonSchemaParams) => void };

/**
 * `z.toJSONSchema` records each schema it visits under the object it was handed (the stand-in), while the built
 * schema's own processor looks its entry up under the built object: without this alias, a stand-in for a pipe, a
 * default or a read-only schema (alone or inside a host's schema) converts to `{}`. While the stand-in is processed,
 * the built object's entry is the stand-in's; if the built object had its own entry (it also appears in the host's
 * schema, as `instantSchema` does inside every event schema), that entry is put back afterwards. The processor is
 * shared by both objects: zod's `schemaPath` (its last element is the schema being processed) tells them apart.
 */
function aliasForJsonSchema(value: object, proxy: object): void {
  const internals: Internals = (value as { _zod?: Internals })._zod ?? {};
  const process = internals.processJSONSchema;
  if (typeof process !== 'function') return;
  internals.processJSONSchema = (ctx, json, params) => {
    const { seen } = ctx;
    const path = params.schemaPath;
    if (path[path.length - 1] !== proxy) return process(ctx, json, params);
    const own: unknown = seen.get(value);
    seen.set(value, seen.get(proxy));
    try {
      process(ctx, json, params);
    } finally {
      if (own !== undefined) seen.set(value, own);
    }
  };
}

/** The object a `lazyObject` stands for (built now if it was not yet), or `value` itself for anything else. */
export function eager<T>(value: T): T {
  // A WeakMap answers `undefined` for a key that cannot be one (a primitive, null): no test of the type is needed.
  const build = builtOf.get(value as object);
  return build === undefined ? value : (build() as T);
}
