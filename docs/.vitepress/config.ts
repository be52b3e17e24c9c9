import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type DefaultTheme } from 'vitepress';
import { links } from './links.js';
import { BASE, REPOSITORY } from './site.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const src = (entry: string) => `${root}src/${entry}/index.ts`;

/** The API reference's sidebar, written by typedoc-vitepress-theme (`npm run docs:api`); absent before that. */
function apiSidebar(): DefaultTheme.SidebarItem[] {
  const file = `${root}docs/api/typedoc-sidebar.json`;
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as DefaultTheme.SidebarItem[]) : [];
}

export default defineConfig({
  title: 'engagement-lifecycle',
  description: 'Typed, property-tested lifecycles for security engagements: PlexTrac, DefectDojo, your own.',
  base: BASE,
  cleanUrls: false,
  head: [['link', { rel: 'icon', type: 'image/svg+xml', href: `${BASE}favicon.svg` }]],
  lastUpdated: false,
  // The site is built offline: no remote fonts, search is the local index.
  themeConfig: {
    nav: [
      { text: 'Guide', link: '/getting-started' },
      { text: 'Playground', link: '/playground' },
      { text: 'API', link: '/api/' },
      { text: 'Changelog', link: `${REPOSITORY}/blob/main/CHANGELOG.md` },
    ],
    sidebar: {
      '/api/': [{ text: 'API reference', link: '/api/', items: apiSidebar() }],
      '/': [
        {
          text: 'Guide',
          items: [
            { text: 'Getting started', link: '/getting-started' },
            { text: 'Concepts', link: '/concepts' },
            { text: 'Playground', link: '/playground' },
          ],
        },
        {
          text: 'Lifecycles',
          items: [
            { text: 'PlexTrac', link: '/plextrac' },
            { text: 'DefectDojo', link: '/defectdojo' },
            { text: 'The DefectDojo aggregate', link: '/defectdojo-aggregate' },
            { text: 'Diagram: PlexTrac', link: '/diagrams/plextrac' },
            { text: 'Diagram: DefectDojo', link: '/diagrams/defectdojo' },
            { text: 'Report review', link: '/review' },
            { text: 'Retests', link: '/retests' },
            { text: 'PlexTrac and DefectDojo, bridged', link: '/bridge' },
          ],
        },
        {
          text: 'Using it',
          items: [
            { text: 'Storage, outbox, sweep', link: '/storage' },
            { text: 'Machines (xstate)', link: '/machines' },
            { text: 'Retention and archiving', link: '/retention' },
            { text: 'PlexTrac webhooks', link: '/webhooks' },
            { text: 'Robustness', link: '/robustness' },
            { text: 'Testing your workflow', link: '/testing' },
            { text: 'Fidelity', link: '/fidelity' },
          ],
        },
        {
          text: 'Inside',
          items: [
            { text: 'Architecture', link: '/architecture' },
            { text: 'Adding a lifecycle', link: '/adding-a-lifecycle' },
            { text: 'Performance', link: '/performance' },
            { text: 'PostgreSQL performance', link: '/performance-postgres' },
            { text: 'This site', link: '/site' },
          ],
        },
      ],
    },
    socialLinks: [{ icon: 'github', link: REPOSITORY }],
    search: { provider: 'local' },
    outline: [2, 3],
  },
  markdown: {
    config: (md) => links(md),
  },
  vite: {
    resolve: {
      // The playground runs the library from its sources, through the public entry points only.
      alias: [
        { find: /^engagement-lifecycle$/, replacement: `${root}src/index.ts` },
        { find: /^engagement-lifecycle\/(plextrac|defectdojo|store|workflow)$/, replacement: src('$1') },
      ],
    },
    build: { chunkSizeWarningLimit: 4000 },
  },
});
