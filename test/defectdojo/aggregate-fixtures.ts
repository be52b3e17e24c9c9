/** Shared builders for the aggregate tests: a small engagement with everything in it, id generators, a record. */
import type { DefectDojoState, EngagementAggregateInput } from '../../src/defectdojo/index.js';
import { create, run } from './helpers.js';

/** An id generator that counts: `c1`, `c2`, … */
export function counter(prefix = 'c'): () => string {
  let n = 0;
  return () => `${prefix}${++n}`;
}

/** An engagement with a Jira project, an epic, the asset's Jira settings, tags and CI/CD fields. */
export function richEngagement(): DefectDojoState {
  return run(create({ tags: ['PCI', 'web'], buildId: 'b-17', commitHash: 'abc123', engagementType: 'CI/CD' }), [
    {
      type: 'set_jira',
      at: '2024-03-01T11:00:00Z',
      project: { projectKey: 'SEC', epicMapping: true, labels: ['pentest'] },
      assetProject: { projectKey: 'APP', issueTemplate: 'tmpl', defaultAssignee: 'alice' },
      epic: { key: 'SEC-9', id: '10009' },
    },
    { type: 'set_status', at: '2024-03-01T12:00:00Z', status: 'In Progress' },
  ]);
}

/** The aggregate as a host would pass it (plain, unfrozen input with DefectDojo integer ids). */
export function aggregateInput(engagement: DefectDojoState = richEngagement()) {
  return {
    engagement,
    tests: [
      {
        id: 1,
        title: 'Nmap',
        testType: 'Nmap Scan',
        environment: 'Production',
        targetStart: '2024-03-04T09:00:00Z',
        targetEnd: '2024-03-04T17:00:00Z',
        tags: ['Network'],
        notes: [{ id: 101, entry: 'scan notes' }],
        files: [{ id: 201, title: 'nmap.xml', file: 'uploads/nmap.xml' }],
        findings: [
          {
            id: 11,
            title: 'Open telnet',
            severity: 'High',
            hashCode: 'h-telnet',
            riskAccepted: true,
            active: false,
            verified: true,
            vulnerabilityIds: ['CVE-2020-0001'],
            reviewers: [4],
            foundBy: ['Nmap Scan'],
            tags: ['Legacy'],
            notes: [{ id: 102, entry: 'accepted for now' }],
            files: [{ id: 202, title: 'telnet.png' }],
            endpoints: [{ id: 301, endpointId: 900, riskAccepted: true }],
          },
          { id: 12, title: 'Open ssh', severity: 'Info', hashCode: 'h-ssh', duplicate: true, duplicateFinding: 5 },
        ],
      },
      {
        id: 2,
        testType: 'Manual Code Review',
        targetStart: '2024-03-05T09:00:00Z',
        targetEnd: '2024-03-06T17:00:00Z',
        findings: [{ id: 13, title: 'Open telnet again', severity: 'High', hashCode: 'h-telnet', riskAccepted: true, mitigated: '2024-03-06T10:00:00Z', isMitigated: true }],
      },
    ],
    notes: [{ id: 103, entry: 'kick-off done', author: 7, date: '2024-03-04T08:00:00Z' }],
    files: [{ id: 203, title: 'scope.pdf', file: 'uploads/scope.pdf' }],
    riskAcceptances: [{ id: 401, name: 'Legacy telnet', acceptedFindings: [11], notes: [{ id: 104, entry: 'until Q3' }] }],
  };
}

/** The aggregate type for calls that take one (inputs are validated anyway). */
export const asAggregate = (input: unknown) => input as EngagementAggregateInput;

/** DefectDojo's own example response for `GET /api/v2/engagements/42/`. */
export const dojoRecord = {
  id: 42,
  tags: [],
  name: 'nmap-office-client-1710146100',
  description: '',
  version: '',
  first_contacted: null,
  target_start: '2024-03-11',
  target_end: '2024-03-11',
  reason: null,
  updated: '2024-03-11T08:35:42.722442Z',
  created: '2024-03-11T08:35:42.169727Z',
  active: true,
  tracker: null,
  test_strategy: null,
  threat_model: false,
  api_test: false,
  pen_test: false,
  check_list: false,
  status: 'In Progress',
  progress: 'threat_model',
  tmodel_path: 'none',
  done_testing: false,
  engagement_type: 'CI/CD',
  build_id: null,
  commit_hash: null,
  branch_tag: '',
  source_code_management_uri: null,
  deduplication_on_engagement: false,
  lead: 3,
  requester: null,
  preset: null,
  report_type: null,
  product: 139,
  build_server: null,
  source_code_management_server: null,
  orchestration_engine: 1,
  notes: [],
  files: [],
  risk_acceptance: [],
  prefetch: {},
} as const;
