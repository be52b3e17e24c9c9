/**
 * The import rules of docs/architecture.md, checked by `npm run lint:deps` (a CI step).
 * Paths are relative to the directory the check runs in (the repository root), so every rule is anchored at `^src/`.
 * @type {import('dependency-cruiser').IConfiguration}
 */
const FAST_CHECK = '(^|/)node_modules/(fast-check|@fast-check/[^/]+)/';
const XSTATE = '(^|/)node_modules/xstate/';

module.exports = {
  forbidden: [
    {
      name: 'core-imports-no-other-folder',
      comment: 'The core is the bottom layer: it imports no other folder of src/.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/', pathNot: '^src/core/' },
    },
    {
      name: 'core-only-through-its-index',
      comment: 'Folders outside src/core/ reach the core only through src/core/index.ts, its internal face.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/core/' },
      to: { path: '^src/core/', pathNot: '^src/core/index\\.ts$' },
    },
    {
      name: 'lifecycles-import-only-core',
      comment: 'A lifecycle folder (its kit included) imports the core and itself, nothing else of src/.',
      severity: 'error',
      from: { path: '^src/(plextrac|defectdojo)/' },
      to: { path: '^src/', pathNot: ['^src/core/', '^src/$1/', '^src/testing/kit-support\\.ts$'] },
    },
    {
      name: 'review-imports-core-and-plextrac-index',
      comment:
        "The review lifecycle (its kit included) imports the core, itself and, for the composition with PlexTrac's engagement, PlexTrac's public index only.",
      severity: 'error',
      from: { path: '^src/review/' },
      to: { path: '^src/', pathNot: ['^src/core/', '^src/review/', '^src/testing/kit-support\\.ts$', '^src/plextrac/index\\.ts$'] },
    },
    {
      name: 'bridge-imports-only-the-lifecycle-indexes',
      comment: "The bridge maps two lifecycles onto each other: it imports the core and PlexTrac's and DefectDojo's public indexes, nothing else.",
      severity: 'error',
      from: { path: '^src/bridge/' },
      to: { path: '^src/', pathNot: ['^src/core/', '^src/bridge/', '^src/plextrac/index\\.ts$', '^src/defectdojo/index\\.ts$'] },
    },
    {
      name: 'retest-imports-only-the-lifecycle-indexes',
      comment:
        "Retests run PlexTrac's and DefectDojo's engines: the core, PlexTrac's public index and DefectDojo's lifecycle index (never the aggregate), nothing else.",
      severity: 'error',
      from: { path: '^src/retest/' },
      to: { path: '^src/', pathNot: ['^src/core/', '^src/retest/', '^src/plextrac/index\\.ts$', '^src/defectdojo/lifecycle/index\\.ts$'] },
    },
    {
      name: 'nothing-imports-testing',
      comment:
        'src/testing/ is the top of the stack (the ./testing entry): nothing else in src/ imports it, but the kits (below).',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/testing/', '^src/[^/]+/kit/'] },
      to: { path: '^src/testing/' },
    },
    {
      name: 'kits-reach-testing-only-through-kit-support',
      comment: "A lifecycle's kit takes the testing machinery only from src/testing/kit-support.ts, its one face for kits.",
      severity: 'error',
      from: { path: '^src/[^/]+/kit/' },
      to: { path: '^src/testing/', pathNot: '^src/testing/kit-support\\.ts$' },
    },
    {
      name: 'kits-only-from-testing',
      comment: "A lifecycle's test kit (src/<lifecycle>/kit/) is loaded only by src/testing/, never by the library.",
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/testing/', '^src/[^/]+/kit/'] },
      to: { path: '^src/[^/]+/kit/' },
    },
    {
      name: 'kit-imports-no-other-kit',
      comment: 'Each kit stands alone: a kit does not import another lifecycle\'s kit.',
      severity: 'error',
      from: { path: '^src/([^/]+)/kit/' },
      to: { path: '^src/[^/]+/kit/', pathNot: '^src/$1/kit/' },
    },
    {
      name: 'kit-imports-its-lifecycle-through-the-index',
      comment:
        "A kit imports its lifecycle only through the lifecycle's index (for DefectDojo src/defectdojo/lifecycle/index.ts, so that loading the kit never loads the aggregate).",
      severity: 'error',
      from: { path: '^src/(plextrac|review)/kit/' },
      to: { path: '^src/$1/', pathNot: ['^src/$1/kit/', '^src/$1/index\\.ts$'] },
    },
    {
      name: 'defectdojo-kit-imports-only-the-lifecycle-index',
      comment: 'The DefectDojo kit reaches DefectDojo only through src/defectdojo/lifecycle/index.ts.',
      severity: 'error',
      from: { path: '^src/defectdojo/kit/' },
      to: { path: '^src/defectdojo/', pathNot: ['^src/defectdojo/kit/', '^src/defectdojo/lifecycle/index\\.ts$'] },
    },
    {
      name: 'fast-check-only-in-testing-and-kits',
      comment: 'fast-check is an optional peer: only src/testing/ and the kits (src/*/kit/) may load it.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/testing/', '^src/[^/]+/kit/'] },
      to: { path: FAST_CHECK },
    },
    {
      name: 'xstate-only-in-core',
      comment: 'Only the core builds machines; src/workflow/ may use xstate/graph to walk them.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/core/', '^src/workflow/'] },
      to: { path: XSTATE },
    },
    {
      name: 'workflow-uses-only-xstate-graph',
      comment: 'src/workflow/ walks machines with xstate/graph and builds none itself.',
      severity: 'error',
      from: { path: '^src/workflow/' },
      to: { path: XSTATE, pathNot: `${XSTATE}.*graph` },
    },
    {
      name: 'no-cycles-in-src',
      comment: 'No import cycle in src/: every folder and file can be read bottom-up.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports are dependencies too: a boundary holds for types as well as values.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.d.ts'],
    },
  },
};
