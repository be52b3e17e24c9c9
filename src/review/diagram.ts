/**
 * How `npm run diagrams` draws the report review lifecycle (docs/diagrams/review.md and the README). Not part of
 * the package: the script finds this file in the lifecycle's folder.
 */
import { toMermaid } from '../core/index.js';
import { review } from './index.js';

/** The review lifecycle's diagram: its title, the sentence under it, and the Mermaid text drawn from the declaration. */
export const diagram = {
  title: 'Report review lifecycle',
  intro:
    'Generated from `reviewDeclaration` by `npm run diagrams`; do not edit by hand. Transitions that keep the status (an approval short of the minimum, an edit outside review) are not drawn.',
  mermaid: toMermaid(review),
};
