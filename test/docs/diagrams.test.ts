/**
 * The committed diagrams (docs/diagrams/, written by `npm run diagrams`) are the ones each lifecycle folder's
 * `diagram.ts` draws now: its title as the heading, its sentence, and its Mermaid text. CI's `npm run diagrams --
 * --check` says the same of the whole page; this says it in `npm test`, where a changed declaration is noticed first.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { diagramSources } from '../../scripts/entries.js';

describe('docs/diagrams/', () => {
  for (const source of diagramSources()) {
    it(`${source.name}.md shows ${source.folder}/diagram.ts as it draws now`, async () => {
      const { diagram } = (await import(pathToFileURL(source.diagramModule).href)) as { diagram: { title: string; intro: string; mermaid: string } };
      const page = readFileSync(new URL(`../../docs/diagrams/${source.name}.md`, import.meta.url), 'utf8');
      expect(page.startsWith(`# ${diagram.title}\n\n${diagram.intro}\n\n`)).toBe(true);
      expect(page).toContain(`\`\`\`mermaid\n${diagram.mermaid}\`\`\``);
    });
  }
});
