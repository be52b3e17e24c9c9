/**
 * Markdown for the site, so that the guides read the same on GitHub and on the site:
 * - a link that leaves `docs/` (to `../examples/...`, `../src/...`) points at the file in the repository;
 * - a ```mermaid fence becomes the `<Mermaid>` component, which draws it in the browser.
 */
import { posix } from 'node:path';
import type { MarkdownRenderer } from 'vitepress';
import { REPOSITORY } from './site.js';

/** The repository address of a relative link in a docs page, or null when it stays inside `docs/`. */
export function outsideDocs(pagePath: string, href: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:|^#|^\//i.test(href)) return null;
  const [path = '', hash] = href.split('#');
  const resolved = posix.normalize(posix.join('docs', posix.dirname(pagePath), path));
  if (resolved === 'docs' || resolved.startsWith('docs/')) return null;
  const kind = path.endsWith('/') || !/\.[a-z0-9]+$/i.test(path) ? 'tree' : 'blob';
  return `${REPOSITORY}/${kind}/main/${resolved.replace(/\/$/, '')}${hash === undefined ? '' : `#${hash}`}`;
}

/** Installs both rules on VitePress's markdown-it. */
export function links(md: MarkdownRenderer): void {
  const linkOpen = md.renderer.rules.link_open;
  md.renderer.rules.link_open = (tokens, idx, options, env: { relativePath?: string }, self) => {
    const token = tokens[idx]!;
    const href = token.attrGet('href');
    const target = href === null ? null : outsideDocs(env.relativePath ?? '', href);
    if (target !== null) token.attrSet('href', target);
    return linkOpen ? linkOpen(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
  };
  const fence = md.renderer.rules.fence;
  md.renderer.rules.fence = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!;
    if (token.info.trim() === 'mermaid') {
      return `<Mermaid code="${encodeURIComponent(token.content)}" />`;
    }
    return fence ? fence(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
  };
}
