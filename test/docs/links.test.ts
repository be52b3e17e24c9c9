/**
 * The README is what the npm package page shows, where relative links cannot reach `docs/` (the package ships
 * `dist/` only). So every README link must be absolute and resolve: a link to the site to a page the site build
 * produces (a Markdown page in `docs/`, or the generated API reference), a link to the repository to a file in it.
 * And nothing public may point into the project's private working notes.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { outsideDocs } from '../../docs/.vitepress/links.js';
import { REPOSITORY, SITE } from '../../docs/.vitepress/site.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** Every Markdown link target and HTML href in a text. */
function linksIn(text: string): string[] {
  const markdown = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
  const html = [...text.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
  return [...markdown, ...html];
}

/** Why a README link does not resolve, or null when it does. */
function problem(link: string): string | null {
  if (link.startsWith(SITE)) {
    const path = link.slice(SITE.length).split('#')[0]!;
    if (path === '' || path === 'api/' || path.startsWith('api/')) return null; // the home page; TypeDoc writes api/
    const page = path.endsWith('/') ? `${path}index.md` : path.replace(/\.html$/, '.md');
    if (!path.endsWith('/') && !path.endsWith('.html')) return 'site links end in .html (the site does not use clean URLs)';
    return existsSync(join(root, 'docs', page)) ? null : `no page docs/${page} builds it`;
  }
  const inRepo = new RegExp(`^${REPOSITORY.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/(?:blob|tree)/main/([^#]+)`).exec(link);
  if (inRepo) return existsSync(join(root, inRepo[1]!)) ? null : `no file ${inRepo[1]} in the repository`;
  if (link.startsWith(REPOSITORY)) return null; // the repository itself, its issues
  if (/^https?:\/\//.test(link) || link.startsWith('#')) return null;
  return 'relative links do not work from the package page: link to the site or to the repository';
}

describe('the README from the package page', () => {
  const readme = read('README.md');

  it('links only to pages the site builds, files in the repository, or other sites', () => {
    const links = linksIn(readme);
    expect(links.length).toBeGreaterThan(10);
    expect(links.map((l) => [l, problem(l)]).filter(([, p]) => p !== null)).toEqual([]);
  });

  it('the check itself refuses what would be dead (it can fail)', () => {
    expect(problem('docs/concepts.md')).toMatch(/relative/);
    expect(problem(`${SITE}no-such-page.html`)).toMatch(/no page/);
    expect(problem(`${SITE}concepts`)).toMatch(/\.html/);
    expect(problem(`${REPOSITORY}/blob/main/no/such/file.ts`)).toMatch(/no file/);
    expect(problem(`${SITE}concepts.html#versions`)).toBeNull();
  });

  it('package.json names the repository, the site as homepage, and the bugs address', () => {
    const pkg = JSON.parse(read('package.json')) as { homepage: string; repository: { url: string }; bugs: { url: string } };
    expect(pkg.homepage).toBe(SITE);
    expect(pkg.repository.url).toBe(`git+${REPOSITORY}.git`);
    expect(pkg.bugs.url).toBe(`${REPOSITORY}/issues`);
  });
});

describe('links in the guides', () => {
  it('a link out of docs/ becomes the file in the repository on the site', () => {
    expect(outsideDocs('storage.md', '../examples/postgres-store/')).toBe(`${REPOSITORY}/tree/main/examples/postgres-store`);
    expect(outsideDocs('diagrams/plextrac.md', '../../src/core/mermaid.ts#L1')).toBe(`${REPOSITORY}/blob/main/src/core/mermaid.ts#L1`);
    expect(outsideDocs('getting-started.md', 'concepts.md#errors')).toBeNull();
    expect(outsideDocs('getting-started.md', 'https://vitepress.dev')).toBeNull();
  });
});

/** Text files under a folder, generated output left out. */
function files(dir: string): string[] {
  const skip = new Set(['node_modules', 'api', 'dist', 'cache', '.temp']);
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return skip.has(name) ? [] : files(path);
    return /\.(md|ts|vue|json|svg)$/.test(name) ? [path] : [];
  });
}

describe('the project working notes stay private', () => {
  const parent = ['..', 'shared'].join('/'); // spelled apart so that this file does not match itself

  it(`nothing in docs/, src/ or the README mentions ${parent}`, () => {
    const paths = ['README.md', ...files('docs'), ...files('src')];
    expect(paths.length).toBeGreaterThan(50);
    expect(paths.filter((path) => read(path).includes(parent))).toEqual([]);
  });
});
