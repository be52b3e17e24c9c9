/**
 * How `npm run diagrams` draws DefectDojo's lifecycle (docs/diagrams/defectdojo.md and the README). Not part of
 * the package: the script finds this file in the lifecycle's folder.
 */
import { toMermaid } from '../core/index.js';
import { defectdojo } from './lifecycle/index.js';

/** DefectDojo's diagram: its title, the sentence under it, and the Mermaid text drawn from the declaration. */
export const diagram = {
  title: 'DefectDojo engagement lifecycle',
  intro:
    'Generated from `defectDojoDeclaration` by `npm run diagrams`; do not edit by hand. Not drawn: `set_status`, which moves any status to any other, and transitions that keep the status. The `schedule` region runs beside the status and follows the overdue flag.',
  mermaid: toMermaid(defectdojo, { omitEvents: ['set_status'] }),
};
