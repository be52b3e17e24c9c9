/**
 * The playground's event form, driven by the lifecycle's own event schemas: each zod schema is turned into JSON
 * Schema (zod's `toJSONSchema`, input side) and each property into a field. Nothing here lists an event's fields
 * by hand, so a changed schema changes the form.
 */
import * as z from 'zod';

/** How a field is edited. */
export type FieldKind = 'text' | 'select' | 'boolean' | 'list' | 'json';

/** One field of an event form. */
export interface Field {
  readonly name: string;
  readonly kind: FieldKind;
  readonly required: boolean;
  /** The choices of a `select`. */
  readonly options: readonly string[];
  /** A hint shown in the empty input (a format, or that numbers are accepted). */
  readonly hint: string;
}

type Json = { readonly [key: string]: unknown };

/** The alternatives of a schema node, with `null` dropped (an empty field already means "not given"). */
function alternatives(node: Json): Json[] {
  const list = (node.anyOf ?? node.oneOf) as Json[] | undefined;
  if (!list) return [node];
  return list.flatMap(alternatives).filter((n) => n.type !== 'null');
}

function fieldOf(name: string, node: Json, required: boolean): Field {
  const alts = alternatives(node);
  const enums = alts.flatMap((n) => (Array.isArray(n.enum) ? (n.enum as string[]) : []));
  const types = new Set(alts.flatMap((n) => (Array.isArray(n.type) ? (n.type as string[]) : [n.type as string])));
  const format = alts.map((n) => n.format).find((f) => typeof f === 'string') as string | undefined;
  const hint = format === 'date' ? 'YYYY-MM-DD' : format === 'date-time' ? 'ISO instant, e.g. 2026-03-02T09:00:00Z' : types.has('integer') ? 'text or number' : '';
  if (enums.length > 0) return { name, kind: 'select', required, options: [...new Set(enums)], hint };
  if (types.has('boolean') && types.size === 1) return { name, kind: 'boolean', required, options: [], hint };
  if (types.has('array')) return { name, kind: 'list', required, options: [], hint: 'comma-separated' };
  if (types.has('object')) return { name, kind: 'json', required, options: [], hint: 'JSON' };
  return { name, kind: 'text', required, options: [], hint };
}

/** The fields of one event schema, `type` left out (the form chooses it). */
export function fieldsOf(schema: z.ZodType): Field[] {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  const properties = (json.properties ?? {}) as Record<string, Json>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties)
    .filter(([name]) => name !== 'type')
    .map(([name, node]) => fieldOf(name, node, required.has(name)));
}

/**
 * The event a form's values describe: empty fields are left out, lists split on commas, JSON parsed, booleans
 * read. What the values mean is left to the lifecycle, which validates the event and answers with `invalid_input`.
 */
export function eventFrom(type: string, fields: readonly Field[], values: Readonly<Record<string, string>>): Record<string, unknown> {
  const event: Record<string, unknown> = { type };
  for (const field of fields) {
    const raw = (values[field.name] ?? '').trim();
    if (raw === '') continue;
    if (field.kind === 'list') event[field.name] = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
    else if (field.kind === 'boolean') event[field.name] = raw === 'true';
    else if (field.kind === 'json') {
      try {
        event[field.name] = JSON.parse(raw) as unknown;
      } catch {
        event[field.name] = raw; // the lifecycle refuses it with a readable invalid_input
      }
    } else event[field.name] = raw;
  }
  return event;
}
