/**
 * Regenerates docs/diagrams/ from the built-in lifecycles' declarations. `npm run diagrams` writes them;
 * `npm run diagrams -- --check` fails when a committed diagram is stale (CI runs it).
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SITE } from '../docs/.vitepress/site.js';
import { toMermaid } from '../src/index.js';
import { plextrac } from '../src/plextrac/index.js';
import { defectdojo } from '../src/defectdojo/index.js';

const dir = fileURLToPath(new URL('../docs/diagrams/', import.meta.url));

const diagrams = [
  {
    file: 'plextrac.md',
    title: 'PlexTrac engagement lifecycle',
    intro:
      'Generated from `plextracDeclaration` by `npm run diagrams`; do not edit by hand. Transitions that keep the status (a clock before the start date, a report moving between review stages) are not drawn.',
    mermaid: toMermaid(plextrac),
  },
  {
    file: 'defectdojo.md',
    title: 'DefectDojo engagement lifecycle',
    intro:
      'Generated from `defectDojoDeclaration` by `npm run diagrams`; do not edit by hand. Not drawn: `set_status`, which moves any status to any other, and transitions that keep the status. The `schedule` region runs beside the status and follows the overdue flag.',
    mermaid: toMermaid(defectdojo, { omitEvents: ['set_status'] }),
  },
];

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
