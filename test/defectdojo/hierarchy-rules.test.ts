/**
 * The records of DefectDojo's hierarchy around an engagement (`src/defectdojo/aggregate/hierarchy.ts`), stated from
 * the table in docs/defectdojo-aggregate.md ("Records: fields, limits and defaults"), itself DefectDojo's models:
 * what a minimal record becomes with every default filled in (written out field by field), each text field's
 * length limits at their bounds, the numbers' ranges, the severities, and tags lower-cased and kept once.
 */
import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import {
  assetSchema,
  endpointStatusSchema,
  fileUploadSchema,
  findingSchema,
  FINDING_SEVERITIES,
  noteSchema,
  organizationSchema,
  riskAcceptanceSchema,
  tagsSchema,
  testSchema,
} from '../../src/defectdojo/index.js';

const at = '2024-03-04T09:00:00.000Z';

interface Case {
  readonly name: string;
  readonly schema: z.ZodType;
  readonly minimal: Record<string, unknown>;
  /** The minimal record with every default, as the docs' table gives them. */
  readonly parsed: Record<string, unknown>;
  /** Text fields: [shortest, longest] accepted length (null: no limit). */
  readonly lengths: Record<string, readonly [number, number | null]>;
}

const cases: Case[] = [
  {
    name: 'organization',
    schema: organizationSchema,
    minimal: { id: 1, name: 'Org' },
    parsed: { id: '1', name: 'Org', description: null },
    lengths: { name: [1, 255], description: [0, 4000] },
  },
  {
    name: 'asset',
    schema: assetSchema,
    minimal: { id: 2, name: 'Payments API', organizationId: 1 },
    parsed: { id: '2', name: 'Payments API', organizationId: '1', description: null, tags: [], jira: null },
    lengths: { name: [1, 255], description: [0, 4000] },
  },
  {
    name: 'note',
    schema: noteSchema,
    minimal: { id: 3, entry: 'Checked' },
    parsed: { id: '3', entry: 'Checked', author: null, date: null, private: false, noteType: null, edited: false, editor: null, editTime: null },
    lengths: { entry: [1, null] },
  },
  {
    name: 'file',
    schema: fileUploadSchema,
    minimal: { id: 4, title: 'report.pdf' },
    parsed: { id: '4', title: 'report.pdf', file: null },
    lengths: { title: [1, 100] },
  },
  {
    name: 'endpoint status',
    schema: endpointStatusSchema,
    minimal: { id: 5, endpointId: 6 },
    parsed: { id: '5', endpointId: '6', date: null, mitigated: false, falsePositive: false, outOfScope: false, riskAccepted: false },
    lengths: {},
  },
  {
    name: 'finding',
    schema: findingSchema,
    minimal: { id: 7, title: 'SQL injection', severity: 'High' },
    parsed: {
      id: '7', title: 'SQL injection', severity: 'High', description: null, date: null, cwe: null, cvssv3: null, hashCode: null,
      uniqueIdFromTool: null, vulnIdFromTool: null, vulnerabilityIds: [], componentName: null, componentVersion: null, filePath: null,
      line: null, active: true, verified: false, falsePositive: false, duplicate: false, duplicateFinding: null, outOfScope: false,
      riskAccepted: false, underReview: false, isMitigated: false, mitigated: null, mitigatedBy: null, reporter: null, reviewers: [],
      foundBy: [], tags: [], notes: [], files: [], endpoints: [],
    },
    lengths: { title: [1, 511], cvssv3: [0, 117], hashCode: [0, 64] },
  },
  {
    name: 'test',
    schema: testSchema,
    minimal: { id: 8, testType: 'Nmap Scan', targetStart: at, targetEnd: at },
    parsed: {
      id: '8', title: null, testType: 'Nmap Scan', scanType: null, description: null, targetStart: at, targetEnd: at, percentComplete: null,
      environment: null, lead: null, version: null, buildId: null, commitHash: null, branchTag: null, tags: [], notes: [], files: [], findings: [],
    },
    lengths: { title: [0, 255], testType: [1, null], version: [0, 100], buildId: [0, 150], commitHash: [0, 150], branchTag: [0, 150] },
  },
  {
    name: 'risk acceptance',
    schema: riskAcceptanceSchema,
    minimal: { id: 9, name: 'Accepted for Q1' },
    parsed: {
      id: '9', name: 'Accepted for Q1', recommendation: null, recommendationDetails: null, decision: null, decisionDetails: null, acceptedBy: null,
      owner: null, expirationDate: null, expirationDateHandled: null, reactivateExpired: true, restartSlaExpired: false, acceptedFindings: [], notes: [],
    },
    lengths: { name: [1, 300], acceptedBy: [0, 200] },
  },
];

/** The paths of the issues `schema` finds in `input`; [] when it accepts it. */
const issuePaths = (schema: z.ZodType, input: unknown): string[] => {
  const r = schema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
};

describe.each(cases)('a $name', ({ schema, minimal, parsed, lengths }) => {
  it('minimal, gets every default of the table; ids as strings', () => {
    expect(schema.parse(minimal)).toEqual(parsed);
  });

  it('is strict: a misspelt field is reported', () => {
    expect(issuePaths(schema, { ...minimal, bogus: 1 })).toEqual(['']);
  });

  it.each(Object.entries(lengths))('%s: its length limits, at both bounds', (field, [min, max]) => {
    expect(issuePaths(schema, { ...minimal, [field]: 'x'.repeat(max ?? 100_000) })).toEqual([]);
    if (max !== null) expect(issuePaths(schema, { ...minimal, [field]: 'x'.repeat(max + 1) })).toEqual([field]);
    if (min > 0) expect(issuePaths(schema, { ...minimal, [field]: 'x'.repeat(min - 1) })).toEqual([field]);
    else expect(issuePaths(schema, { ...minimal, [field]: '' })).toEqual([]);
  });
});

describe('finding fields', () => {
  const finding = cases.find((c) => c.name === 'finding')!.minimal;
  it("severity is one of DefectDojo's five", () => {
    expect(FINDING_SEVERITIES).toEqual(['Critical', 'High', 'Medium', 'Low', 'Info']);
    for (const severity of FINDING_SEVERITIES) expect(issuePaths(findingSchema, { ...finding, severity })).toEqual([]);
    expect(issuePaths(findingSchema, { ...finding, severity: 'high' })).toEqual(['severity']);
  });

  it('the CWE is a whole number from 0; the line a whole number', () => {
    expect(issuePaths(findingSchema, { ...finding, cwe: 0 })).toEqual([]);
    expect(issuePaths(findingSchema, { ...finding, cwe: -1 })).toEqual(['cwe']);
    expect(issuePaths(findingSchema, { ...finding, cwe: 1.5 })).toEqual(['cwe']);
    expect(issuePaths(findingSchema, { ...finding, line: -3 })).toEqual([]);
    expect(issuePaths(findingSchema, { ...finding, line: 2.5 })).toEqual(['line']);
  });

  it('vulnerability ids and the tools that found it are non-empty texts', () => {
    expect(issuePaths(findingSchema, { ...finding, vulnerabilityIds: ['CVE-2024-1'], foundBy: ['ZAP'] })).toEqual([]);
    expect(issuePaths(findingSchema, { ...finding, vulnerabilityIds: [''] })).toEqual(['vulnerabilityIds.0']);
    expect(issuePaths(findingSchema, { ...finding, foundBy: [''] })).toEqual(['foundBy.0']);
  });
});

describe('other fields', () => {
  it("a test's percentComplete is a whole number from 0 to 100", () => {
    const test = cases.find((c) => c.name === 'test')!.minimal;
    for (const ok of [0, 100]) expect(issuePaths(testSchema, { ...test, percentComplete: ok })).toEqual([]);
    for (const bad of [-1, 101, 50.5]) expect(issuePaths(testSchema, { ...test, percentComplete: bad })).toEqual(['percentComplete']);
  });

  it('a note needs some text', () => {
    const r = noteSchema.safeParse({ id: 1, entry: '' });
    expect(r.success ? [] : r.error.issues.map((i) => i.message)).toEqual(['a note needs some text']);
  });

  it('tags are lower-cased and kept once, each at most 100 characters', () => {
    expect(tagsSchema.parse(['PCI', 'pci', 'Web'])).toEqual(['pci', 'web']);
    expect(tagsSchema.parse(undefined)).toEqual([]);
    expect(issuePaths(tagsSchema, ['x'.repeat(100)])).toEqual([]);
    expect(issuePaths(tagsSchema, ['x'.repeat(101)])).toEqual(['0']);
  });
});
