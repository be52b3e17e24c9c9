/**
 * Arbitraries derived from zod schemas, for event payloads and settings of any declaration. Dates and instants are
 * generated relative to the event they belong to (a start date two weeks after the request, not in 1970), as
 * `Relative` markers that are resolved once the event has its place on the clock.
 */
import * as fc from 'fast-check';
import * as z from 'zod';
import { calendarDateSchema, caught, describeValue, instantSchema, lazyObject, LifecycleError, timeZoneSchema, type Instant, type TimeZone } from '../core/index.js';
import { timeZoneArb } from './time.js';
import { integerIn, MAX_DAYS, MAX_MS } from './parameters.js';
import { isZod4Schema, optionsObject } from './guards.js';
import { Relative, relativeDate, relativeInstant, resolveTemplate } from './relative.js';

const DAY = 86_400_000;

// Relative dates and instants live in `relative.ts`; they stay reachable from here for the kit and the index.
export { Relative, relativeDate, relativeInstant, resolveRelative, resolveTemplate } from './relative.js';

/* ---------- zod → arbitrary ---------- */

/** A zod definition, read field by field: the walk below checks each field it uses. */
type Def = z.core.$ZodTypeDef & { readonly [key: string]: unknown };

/** A part's definition; a part that is not a zod 4 schema (a look-alike declaration's) is refused, not read. */
function defOf(schema: z.ZodType): Def {
  if (!isZod4Schema(schema)) throw new LifecycleError('invalid_input', `Cannot derive an arbitrary: a part of the schema is not a zod 4 schema (got ${describeValue(schema)})`);
  return schema._zod.def as Def;
}

function checksOf(schema: z.ZodType): Record<string, unknown>[] {
  const checks: unknown = defOf(schema).checks ?? [];
  if (!Array.isArray(checks)) throw new LifecycleError('invalid_input', `Cannot derive an arbitrary: a schema's checks are not a list (got ${describeValue(checks)})`);
  // A copy, read field by field like a def.
  return checks.map((c: unknown): Record<string, unknown> => {
    const def: unknown = (c as { _zod?: { def?: unknown } } | null)?._zod?.def;
    if (typeof def !== 'object' || def === null) throw new LifecycleError('invalid_input', `Cannot derive an arbitrary: a schema's check is not a zod 4 check (got ${describeValue(c)})`);
    return { ...def };
  });
}

/** Options of `arbitraryFromSchema`: how values for a zod schema are generated. */
export interface SchemaArbitraryOptions {
  /** Days around the event for calendar dates (default ±30). */
  readonly days?: number;
  /** Milliseconds around the event for instants (default ±30 days). */
  readonly ms?: number;
}

const letters = /* @__PURE__ */ lazyObject(() => fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'));

/** http(s) URLs on a generated domain with up to three path segments: what zod's `z.url()` accepts. */
const webUrlArb = (): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.constantFrom('https', 'http'),
      fc.domain(),
      fc.array(fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-_'), minLength: 1, maxLength: 10 }), { maxLength: 3 }),
    )
    .map(([scheme, domain, path]) => `${scheme}://${domain}${path.map((segment) => `/${segment}`).join('')}`);

function unsupported(path: string, what: string): never {
  throw new LifecycleError(
    'invalid_input',
    `Cannot derive an arbitrary for ${path || 'the value'} (${what}): pass your own arbitrary for it (for an event, in "payloads").`,
    { details: { path } },
  );
}

function stringArb(schema: z.ZodType, path: string, options: Required<SchemaArbitraryOptions>): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const checks = checksOf(schema);
  const formats = [def.format, ...checks.filter((c) => c.check === 'string_format').map((c) => c.format)].filter((f): f is string => typeof f === 'string');
  let min = 0;
  let max: number | undefined;
  for (const c of checks) {
    if (c.check === 'min_length') min = Math.max(min, c.minimum as number);
    if (c.check === 'max_length') max = Math.min(max ?? Infinity, c.maximum as number);
    if (c.check === 'length_equals') min = max = c.length as number;
  }
  const format = formats.find((f) => f !== 'lowercase' && f !== 'uppercase');
  switch (format) {
    case undefined: {
      const s = fc.string({ unit: letters, minLength: min, maxLength: max ?? min + 8 });
      return formats.includes('uppercase') ? s.map((v) => v.toUpperCase()) : s;
    }
    case 'date':
      return relativeDate(-options.days, options.days);
    case 'datetime':
      return relativeInstant(-options.ms, options.ms);
    case 'email':
      // Plain addresses: zod's email pattern refuses some that RFC 5322 (and fc.emailAddress) allow.
      return fc
        .tuple(fc.string({ unit: letters, minLength: 1, maxLength: 8 }), fc.string({ unit: letters, minLength: 1, maxLength: 8 }))
        .map(([user, domain]) => `${user}@${domain}.example`);
    case 'uuid':
    case 'guid':
      return fc.uuid();
    case 'url':
      // Not fc.webUrl(): its first construction in a process costs about 2.3 s of CPU (fast-check builds a
      // reverse mapping of its path characters), which every first scenario of a lifecycle with a URL field paid.
      return webUrlArb();
    case 'regex': {
      const check = checks.find((c) => c.check === 'string_format' && c.format === 'regex');
      const pattern = (check?.pattern ?? def.pattern) as RegExp | undefined;
      if (pattern instanceof RegExp) return fc.stringMatching(pattern);
      return unsupported(path, 'a string with a pattern');
    }
    default:
      return unsupported(path, `a string in format "${format}"`);
  }
}

function numberArb(schema: z.ZodType, path: string): fc.Arbitrary<number> {
  const def = defOf(schema);
  const checks = checksOf(schema);
  let min = -Infinity;
  let max = Infinity;
  let minExcluded = false;
  let maxExcluded = false;
  let step: number | undefined;
  let integer = typeof def.format === 'string' && /int/.test(def.format);
  for (const c of checks) {
    if (c.check === 'greater_than' && (c.value as number) >= min) {
      min = c.value as number;
      minExcluded = c.inclusive !== true;
    }
    if (c.check === 'less_than' && (c.value as number) <= max) {
      max = c.value as number;
      maxExcluded = c.inclusive !== true;
    }
    if (c.check === 'multiple_of') step = c.value as number;
    if (c.check === 'number_format' && typeof c.format === 'string' && /int/.test(c.format)) integer = true;
  }
  // Unbounded numbers stay small: payloads are counts and amounts, and small values shrink and read well.
  const lo = Number.isFinite(min) ? min : Number.isFinite(max) ? max - 1000 : -1000;
  const hi = Number.isFinite(max) ? max : lo + 2000;
  if (step !== undefined) {
    const first = Math.ceil(lo / step) + (minExcluded && Number.isInteger(lo / step) ? 1 : 0);
    const last = Math.floor(hi / step) - (maxExcluded && Number.isInteger(hi / step) ? 1 : 0);
    if (first > last) return unsupported(path, 'a number whose bounds leave no multiple');
    return fc.integer({ min: first, max: last }).map((k) => k * step);
  }
  if (integer) {
    const a = Math.ceil(lo) + (minExcluded && Number.isInteger(lo) ? 1 : 0);
    const b = Math.floor(hi) - (maxExcluded && Number.isInteger(hi) ? 1 : 0);
    if (a > b) return unsupported(path, 'an integer whose bounds are empty');
    return fc.integer({ min: Math.max(a, Number.MIN_SAFE_INTEGER), max: Math.min(b, Number.MAX_SAFE_INTEGER) });
  }
  return fc.double({ min: lo, max: hi, minExcluded, maxExcluded, noNaN: true, noDefaultInfinity: true });
}

function isOptionalKey(schema: z.ZodType): boolean {
  const type = defOf(schema).type;
  return type === 'optional' || type === 'default' || type === 'prefault';
}

/** The schema under optional/default wrappers, for object keys that may be left out. */
function unwrapOptional(schema: z.ZodType): z.ZodType {
  let s = schema;
  while (isOptionalKey(s)) s = defOf(s).innerType as z.ZodType;
  return s;
}

function derive(schema: z.ZodType, path: string, options: Required<SchemaArbitraryOptions>, key?: string): fc.Arbitrary<unknown> {
  // The library's own schemas first: their transforms hide what they accept.
  if (schema === (calendarDateSchema as unknown)) return relativeDate(-options.days, options.days);
  if (schema === (instantSchema as unknown)) return relativeInstant(-options.ms, options.ms);
  if (schema === (timeZoneSchema as unknown)) return timeZoneArb();
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return stringArb(schema, path, options);
    case 'number':
      return numberArb(schema, path);
    case 'boolean':
      return fc.boolean();
    case 'bigint':
      return fc.bigInt({ min: -1000n, max: 1000n });
    case 'null':
      return fc.constant(null);
    case 'undefined':
    case 'void':
      return fc.constant(undefined);
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries as Record<string, unknown>));
    case 'date':
      return relativeInstant(-options.ms, options.ms, 'Date');
    case 'unknown':
    case 'any':
      // Anything is accepted: small JSON values keep payloads readable.
      return fc.oneof(fc.constant(null), fc.boolean(), fc.integer({ min: -10, max: 10 }), fc.string({ unit: letters, maxLength: 5 }));
    case 'optional':
      return fc.option(derive(def.innerType as z.ZodType, path, options, key), { nil: undefined });
    case 'nullable':
      return fc.option(derive(def.innerType as z.ZodType, path, options, key), { nil: null });
    case 'default':
    case 'prefault':
      return fc.option(derive(def.innerType as z.ZodType, path, options, key), { nil: undefined });
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return derive(def.innerType as z.ZodType, path, options, key);
    case 'pipe': {
      // A transform's input side is what callers send. A string transformed into a zone is almost always a zone.
      const input = def.in as z.ZodType;
      if (defOf(input).type === 'string' && key !== undefined && /^(time_?zone|zone|tz)$/i.test(key)) return timeZoneArb();
      return derive(input, path, options, key);
    }
    case 'union':
      return fc.oneof(...(def.options as z.ZodType[]).map((o, i) => derive(o, `${path}|${i}`, options, key)));
    case 'array': {
      let min = 0;
      let max: number | undefined;
      for (const c of checksOf(schema)) {
        if (c.check === 'min_length') min = c.minimum as number;
        if (c.check === 'max_length') max = c.maximum as number;
        if (c.check === 'length_equals') min = max = c.length as number;
      }
      return fc.array(derive(def.element as z.ZodType, `${path}[]`, options), { minLength: min, maxLength: max ?? min + 3 });
    }
    case 'tuple':
      return fc.tuple(...(def.items as z.ZodType[]).map((item, i) => derive(item, `${path}[${i}]`, options)));
    case 'object':
      return objectArb(def.shape as Record<string, z.ZodType>, path, options);
    case 'record': {
      const keys = def.keyType as z.ZodType;
      const values = def.valueType as z.ZodType;
      if (defOf(keys).type === 'enum') {
        const shape = Object.fromEntries(Object.values(defOf(keys).entries as Record<string, string>).map((k) => [k, values]));
        return objectArb(shape, path, options);
      }
      return fc.dictionary(derive(keys, `${path}{key}`, options) as fc.Arbitrary<string>, derive(values, `${path}{}`, options), { maxKeys: 3 });
    }
    default:
      return unsupported(path, `zod type "${def.type}"`);
  }
}

function objectArb(shape: Record<string, z.ZodType>, path: string, options: Required<SchemaArbitraryOptions>): fc.Arbitrary<Record<string, unknown>> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  const required: string[] = [];
  for (const [k, s] of Object.entries(shape)) {
    const where = path ? `${path}.${k}` : k;
    if (isOptionalKey(s)) {
      model[k] = derive(unwrapOptional(s), where, options, k);
    } else {
      model[k] = derive(s, where, options, k);
      required.push(k);
    }
  }
  return fc.record(model, { requiredKeys: required, noNullPrototype: true }) as fc.Arbitrary<Record<string, unknown>>;
}

function withDefaults(options: SchemaArbitraryOptions): Required<SchemaArbitraryOptions> {
  return { days: options.days ?? 30, ms: options.ms ?? 30 * DAY };
}

/**
 * An arbitrary of values a schema accepts, with `Relative` markers where dates and instants go (resolve them with
 * `resolveRelative`). Object keys that are optional or have a default are sometimes left out.
 * @throws LifecycleError `invalid_input` naming the path of a part it cannot derive (a refinement, a lazy schema...).
 */
export function templateFromSchema(schema: z.ZodType, options: SchemaArbitraryOptions & { readonly path?: string; readonly omit?: readonly string[] } = {}): fc.Arbitrary<unknown> {
  const resolved = withDefaults(options);
  const def = defOf(schema);
  if (def.type === 'object' && options.omit) {
    if (typeof def.shape !== 'object' || def.shape === null) throw new LifecycleError('invalid_input', `Cannot derive an arbitrary for ${options.path ?? 'the value'}: its object schema has no shape`);
    const shape = Object.fromEntries(Object.entries(def.shape as Record<string, z.ZodType>).filter(([k]) => !options.omit!.includes(k)));
    return objectArb(shape, options.path ?? '', resolved);
  }
  return derive(schema, options.path ?? '', resolved);
}

/**
 * An arbitrary of values a zod schema accepts, for the common schema types: strings (with lengths, and the date,
 * datetime, email, uuid, url and regex formats), numbers, booleans, enums, literals, arrays, tuples, objects,
 * records, unions, optional, nullable, default, and the library's calendar-date, instant and time-zone schemas.
 * Dates and instants fall within `days`/`ms` of `around` (default 2024-01-01T00:00Z), in `timeZone` (default UTC).
 * @throws LifecycleError `invalid_input` naming the path of a part it cannot derive.
 */
export function arbitraryFromSchema<Schema extends z.ZodType>(
  schema: Schema,
  options: SchemaArbitraryOptions & { readonly around?: Instant | number; readonly timeZone?: TimeZone } = {},
): fc.Arbitrary<z.input<Schema>> {
  const o = optionsObject(options, 'arbitraryFromSchema options');
  const isSchema = caught('arbitraryFromSchema', () => isZod4Schema(schema));
  if (!isSchema) throw new LifecycleError('invalid_input', `arbitraryFromSchema expects a zod 4 schema, got ${describeValue(schema)}`);
  const around = integerIn(
    'arbitraryFromSchema: around (epoch ms, or an ISO instant)',
    o.around === undefined ? Date.UTC(2024, 0, 1) : typeof o.around === 'number' ? o.around : typeof o.around === 'string' ? Date.parse(o.around) : Number.NaN,
    -MAX_MS,
    MAX_MS,
  );
  const zone = o.timeZone ?? 'UTC';
  if (!timeZoneSchema.safeParse(zone).success) throw new LifecycleError('invalid_input', `arbitraryFromSchema: timeZone must be an IANA time zone, got ${describeValue(zone)}`);
  const days = integerIn('arbitraryFromSchema: days', o.days ?? 30, 0, MAX_DAYS);
  const ms = integerIn('arbitraryFromSchema: ms', o.ms ?? 30 * DAY, 0, MAX_MS);
  if (Math.abs(around) + Math.max(days * DAY, ms) > MAX_MS) {
    throw new LifecycleError('invalid_input', 'arbitraryFromSchema: days or ms around that instant leave the range of a Date');
  }
  return caught('arbitraryFromSchema', () => templateFromSchema(schema, o)).map((v) => resolveTemplate(v, around, zone) as z.input<Schema>);
}
