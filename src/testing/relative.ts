/**
 * Values placed relative to the event they belong to: a calendar date some days from the event's day, an instant
 * some ms from its time. Generated as `Relative` markers and resolved once the event has its place on the clock.
 */
import * as fc from 'fast-check';
import { LifecycleError, addCalendarDays, calendarDateAt, caught, describeValue, msToInstant, timeZoneSchema, type CalendarDate, type Instant, type TimeZone } from '../core/index.js';
import { boundsIn, integerIn, MAX_DAYS, MAX_MS } from './parameters.js';

type RelativeKind = 'date' | 'instant' | 'ms' | 'Date';

/** A value placed relative to its event's time: `offset` days for a calendar date, ms otherwise. */
export class Relative<T = unknown> {
  declare readonly _value?: T;
  constructor(
    readonly kind: RelativeKind,
    readonly offset: number,
  ) {}

  resolve(atMs: number, zone: TimeZone): T {
    switch (this.kind) {
      case 'date':
        return addCalendarDays(calendarDateAt(atMs, zone), this.offset) as T;
      case 'instant':
        return msToInstant(atMs + this.offset) as T;
      case 'ms':
        return (atMs + this.offset) as T;
      case 'Date':
        return new Date(atMs + this.offset) as T;
    }
  }

  toString(): string {
    if (this.kind === 'date') return `(event's day ${this.offset >= 0 ? '+' : ''}${this.offset}d)`;
    return `(event's time ${this.offset >= 0 ? '+' : ''}${this.offset}ms)`;
  }
}

/** A calendar date `minDays`..`maxDays` from the day of the event it is in (in the tenant's zone). Shrinks to that day. */
export function relativeDate(minDays: number, maxDays: number): fc.Arbitrary<Relative<CalendarDate>> {
  boundsIn('relativeDate', minDays, maxDays, MAX_DAYS);
  return fc.integer({ min: minDays, max: maxDays }).map((d) => new Relative<CalendarDate>('date', d));
}

/** An instant `minMs`..`maxMs` from the event's time: an ISO string (default), epoch ms, or a `Date`. */
export function relativeInstant(minMs: number, maxMs: number, as: 'iso' | 'ms' | 'Date' = 'iso'): fc.Arbitrary<Relative<Instant | number | Date>> {
  boundsIn('relativeInstant', minMs, maxMs, MAX_MS);
  if (as !== 'iso' && as !== 'ms' && as !== 'Date') throw new LifecycleError('invalid_input', 'relativeInstant: "as" must be "iso", "ms" or "Date"');
  const kind: RelativeKind = as === 'iso' ? 'instant' : as;
  return fc.integer({ min: minMs, max: maxMs }).map((ms) => new Relative(kind, ms));
}

/**
 * `value` with every `Relative` marker replaced by its value at `atMs` in `zone`. Never changes `value`: plain
 * objects and arrays are copied (and the copies frozen, as every output is); other values are returned as they are.
 * @throws LifecycleError `invalid_input` for an instant or zone that is not one, or a cyclic `value`.
 */
export function resolveRelative<T>(value: T, atMs: number, zone: TimeZone): T {
  integerIn('resolveRelative: atMs', atMs, -MAX_MS, MAX_MS);
  if (typeof zone !== 'string' || !timeZoneSchema.safeParse(zone).success) throw new LifecycleError('invalid_input', `resolveRelative: zone must be an IANA time zone, got ${describeValue(zone)}`);
  return caught('resolveRelative', () => resolveIn(value, atMs, zone, new Set(), true));
}

/** The walk of `resolveRelative`; `ancestors` catches cycles, `freeze` is off for the kit's own templates. */
function resolveIn<T>(value: T, atMs: number, zone: TimeZone, ancestors: Set<object>, freeze: boolean): T {
  if (value instanceof Relative) return value.resolve(atMs, zone) as T;
  const isArray = Array.isArray(value);
  if (!isArray && (value === null || typeof value !== 'object' || ![Object.prototype, null].includes(Object.getPrototypeOf(value)))) return value;
  const container = value as object;
  if (ancestors.has(container)) throw new LifecycleError('invalid_input', 'resolveRelative: the value is cyclic');
  ancestors.add(container);
  const out = isArray
    ? (value as unknown[]).map((v) => resolveIn(v, atMs, zone, ancestors, freeze))
    : Object.fromEntries(Object.entries(container).map(([k, v]) => [k, resolveIn(v, atMs, zone, ancestors, freeze)]));
  ancestors.delete(container);
  return (freeze ? Object.freeze(out) : out) as T;
}

/** `resolveRelative` for the kit's own templates (acyclic, made here): copies left unfrozen for the events built on them. */
export function resolveTemplate<T>(value: T, atMs: number, zone: TimeZone): T {
  return resolveIn(value, atMs, zone, new Set(), false);
}

