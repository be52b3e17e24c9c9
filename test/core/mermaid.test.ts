import { describe, expect, it } from 'vitest';
import { toMermaid } from '../../src/index.js';
import { plextrac } from '../../src/plextrac/index.js';
import { defectdojo } from '../../src/defectdojo/index.js';
import { ticket, ticketDeclaration } from './fixtures.js';

describe('toMermaid', () => {
  it('draws PlexTrac: creations from [*], labelled transitions, Canceled final', () => {
    const m = toMermaid(plextrac);
    expect(m.startsWith('stateDiagram-v2\n')).toBe(true);
    expect(m).toContain('state "In Progress" as In_Progress');
    expect(m).toContain('[*] --> Pending : request');
    expect(m).toContain('Pending --> Scheduled : approve');
    expect(m).toContain('Scheduled --> In_Progress : report status, clock, reschedule');
    expect(m).toContain('Canceled --> [*]');
    // Every status appears.
    for (const s of ['Pending', 'Scheduled', 'In_Progress', 'In_Review', 'Complete', 'Canceled']) expect(m).toContain(s);
    // Canceled has no way out.
    expect(m).not.toMatch(/^\s*Canceled --> (?!\[\*\])/m);
  });

  it('draws a parallel machine as concurrent regions', () => {
    const m = toMermaid(defectdojo, { omitEvents: ['set_status'] });
    expect(m).toContain('state "defectdojo" as lifecycle {');
    expect(m).toContain('    --');
    expect(m).toContain('on_track --> overdue : data');
    // Each region starts at its initial value.
    expect(m).toContain('      [*] --> on_track');
    expect(m).toContain('In_Progress --> Completed : auto-close, close');
    expect(m).not.toContain('set status');
  });

  it('self loops on request, and a custom declaration works the same', () => {
    expect(toMermaid(ticketDeclaration)).toBe(toMermaid(ticket));
    const loops = toMermaid(ticket, { selfLoops: true, direction: 'TB' });
    expect(loops).toContain('direction TB');
    expect(loops).toContain('Open --> Open : estimate, tick');
    expect(toMermaid(ticket)).not.toContain('Open --> Open');
  });
});
