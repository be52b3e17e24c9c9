/**
 * How `npm run diagrams` draws PlexTrac's lifecycle (docs/diagrams/plextrac.md and the README). Not part of the
 * package: the script finds this file in the lifecycle's folder.
 */
import { toMermaid } from '../core/index.js';
import { plextrac } from './index.js';

/** PlexTrac's diagram: its title, the sentence under it, and the Mermaid text drawn from the declaration. */
export const diagram = {
  title: 'PlexTrac engagement lifecycle',
  intro:
    'Generated from `plextracDeclaration` by `npm run diagrams`; do not edit by hand. Transitions that keep the status (a clock before the start date, a report moving between review stages) are not drawn.',
  mermaid: toMermaid(plextrac),
};
