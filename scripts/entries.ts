/**
 * The package's entry points, read from package.json `exports`: the one list that the build (tsup.config.ts), the
 * size budgets (scripts/sizes.ts), the diagrams (scripts/diagrams.ts) and the layout test derive from. An entry
 * `./name` is built from `src/name/index.ts` to `dist/name.*`; `.` from `src/index.ts` to `dist/index.*`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface PackageEntry {
  /** The subpath in package.json `exports` (`.`, `./plextrac`). */
  readonly subpath: string;
  /** What a consumer imports (`engagement-lifecycle/plextrac`). */
  readonly specifier: string;
  /** The name of the built files in dist/ (`plextrac` for dist/plextrac.js), and tsup's entry name. */
  readonly name: string;
  /** The source folder, relative to the repository (`src/plextrac`; `src` for the root entry). */
  readonly folder: string;
  /** The entry's source module (`src/plextrac/index.ts`). */
  readonly source: string;
}

/** The package's entry points, in package.json order; throws when an export does not follow the layout. */
export function packageEntries(): readonly PackageEntry[] {
  const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { name: string; exports: Record<string, unknown> };
  return Object.entries(pkg.exports)
    .filter(([subpath]) => subpath !== './package.json')
    .map(([subpath, target]) => {
      const name = subpath === '.' ? 'index' : subpath.slice(2);
      const folder = subpath === '.' ? 'src' : `src/${name}`;
      const entry = { subpath, specifier: subpath === '.' ? pkg.name : `${pkg.name}/${name}`, name, folder, source: `${folder}/index.ts` };
      const expected = `./dist/${name}.js`;
      if (!JSON.stringify(target).includes(`"${expected}"`)) throw new Error(`package.json exports "${subpath}" must point at ${expected}`);
      if (!existsSync(`${root}${entry.source}`)) throw new Error(`package.json exports "${subpath}" has no source ${entry.source}`);
      return entry;
    });
}

/** A lifecycle's diagram, as its folder's `diagram.ts` exports it (`export const diagram`). */
export interface LifecycleDiagram {
  readonly title: string;
  readonly intro: string;
  readonly mermaid: string;
}

/** The entries whose folder draws a lifecycle: those with a `diagram.ts`, in package.json order. */
export function diagramSources(): readonly (PackageEntry & { readonly diagramModule: string })[] {
  return packageEntries()
    .filter((e) => e.subpath !== '.' && existsSync(`${root}${e.folder}/diagram.ts`))
    .map((e) => ({ ...e, diagramModule: `${root}${e.folder}/diagram.ts` }));
}
