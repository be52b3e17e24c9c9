/**
 * `DEFAULT_DEFECTDOJO_SETTINGS` is written out (importing the lifecycle does not run the schema): it must stay what
 * the settings schema gives for `{}`, and the exported schemas, built on first use, must behave as zod schemas.
 */
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import * as entry from '../../src/defectdojo/index.js';

const { DEFAULT_DEFECTDOJO_SETTINGS, defectDojoEventSchemas, defectDojoSettingsSchema, defectDojoStatusSchema, tagsSchema } = entry;

function isDeepFrozen(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  return Object.isFrozen(value) && Object.values(value).every(isDeepFrozen);
}

describe('DEFAULT_DEFECTDOJO_SETTINGS', () => {
  it('is what the settings schema gives for {}', () => {
    expect(DEFAULT_DEFECTDOJO_SETTINGS).toStrictEqual(defectDojoSettingsSchema.parse({}));
  });

  it('is deeply frozen', () => {
    expect(isDeepFrozen(DEFAULT_DEFECTDOJO_SETTINGS)).toBe(true);
  });

  it('parses to itself', () => {
    expect(defectDojoSettingsSchema.parse(DEFAULT_DEFECTDOJO_SETTINGS)).toStrictEqual(DEFAULT_DEFECTDOJO_SETTINGS);
  });
});

describe('the exported schemas, built on first use', () => {
  // Every schema the entry exports (by the naming convention), and each event's.
  const schemas: Record<string, z.ZodType> = {
    ...Object.fromEntries(Object.entries(entry).filter(([name]) => name.endsWith('Schema'))),
    ...defectDojoEventSchemas,
  };

  it('finds the exported schemas by name', () => {
    expect(Object.keys(schemas)).toEqual(expect.arrayContaining(['assetSchema', 'defectDojoDataSchema', 'findingSchema', 'testSchema', 'create', 'clock']));
  });

  it.each(Object.entries(schemas))('%s is a zod schema that parses and refuses', (_name, schema) => {
    expect(schema instanceof z.ZodType).toBe(true);
    expect(typeof schema.parse).toBe('function');
    expect(schema.safeParse(Symbol('not an input')).success).toBe(false);
  });

  it('keeps the event schemas\' keys, and each spreads into a new object', () => {
    expect(Object.keys(defectDojoEventSchemas)).toEqual(['create', 'edit', 'set_status', 'close', 'reopen', 'add_test', 'import_scan', 'set_jira', 'clock']);
    expect(defectDojoEventSchemas.close.parse({ type: 'close', at: '2026-01-01T00:00:00Z' })).toEqual({ type: 'close', at: '2026-01-01T00:00:00.000Z' });
  });

  it('compose into a host\'s own schemas', () => {
    const host = z.object({ status: defectDojoStatusSchema, tags: tagsSchema });
    expect(host.parse({ status: 'Completed', tags: ['b', 'a'] }).status).toBe('Completed');
    expect(host.safeParse({ status: 'Done', tags: [] }).success).toBe(false);
  });
});
