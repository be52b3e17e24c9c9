/**
 * Regenerates docs/diagrams/ from the built-in lifecycles' declarations: one per package entry whose folder has a
 * `diagram.ts` (see scripts/entries.ts). `npm run diagrams` writes them;
 * `npm run diagrams -- --check` fails when a committed diagram is stale (CI runs it).
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SITE } from '../docs/.vitepress/site.js';
import { diagramSources, type LifecycleDiagram } from './entries.js';

const dir = fileURLToPath(new URL('../docs/diagrams/', import.meta.url));

// One diagram per lifecycle folder with a diagram.ts, in package.json `exports` order.
const diagrams: (LifecycleDiagram & { file: string })[] = [];
for (const source of diagramSources()) {
  const { diagram } = (await import(pathToFileURL(source.diagramModule).href)) as { diagram?: Partial<LifecycleDiagram> };
  if (!diagram || typeof diagram.title !== 'string' || typeof diagram.intro !== 'string' || typeof diagram.mermaid !== 'string') {
    throw new Error(`${source.folder}/diagram.ts must export const diagram = { title, intro, mermaid } (strings)`);
  }
  diagrams.push({ file: `${source.name}.md`, title: diagram.title, intro: diagram.intro, mermaid: diagram.mermaid });
}

const check = process.argv.includes('--check');
let stale = 0;
const files: { path: string; name: string; text: string }[] = diagrams.map((d) => ({
  path: `${dir}${d.file}`,
  name: `docs/diagrams/${d.file}`,
  text: `# ${d.title}\n\n${d.intro}\n\n\`\`\`mermaid\n${d.mermaid}\`\`\`\n`,
}));

// The README shows both diagrams between markers.
const readmePath = fileURLToPath(new URL('../README.md', import.meta.url));
const readme = readFileSync(readmePath, 'utf8');
const start = '<!-- diagrams:start -->';
const end = '<!-- diagrams:end -->';
if (readme.includes(start) && readme.includes(end)) {
  const block = diagrams
    .map((d) => `**${d.title}** ([details](${SITE}diagrams/${d.file.replace(/\.md$/, '.html')}))\n\n\`\`\`mermaid\n${d.mermaid}\`\`\``)
    .join('\n\n');
  const text = `${readme.slice(0, readme.indexOf(start) + start.length)}\n${block}\n${readme.slice(readme.indexOf(end))}`;
  files.push({ path: readmePath, name: 'README.md (diagrams)', text });
}

for (const d of files) {
  const text = d.text;
  const path = d.path;
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '';
  if (current === text) continue;
  if (check) {
    process.stderr.write(`${d.name} is stale: run npm run diagrams\n`);
    stale++;
  } else {
    writeFileSync(path, text);
    process.stdout.write(`wrote ${d.name}\n`);
  }
}
process.exit(stale > 0 ? 1 : 0);
