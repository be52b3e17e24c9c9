/**
 * Where the site and the repository live, stated once: the VitePress config, the README link check and the
 * browser tests read it. These addresses are the project's assumption until a remote exists.
 */
export const REPOSITORY = 'https://github.com/engagement-lifecycle/engagement-lifecycle';
/** The GitHub Pages address of the site, which is also `homepage` in package.json. */
export const SITE = 'https://engagement-lifecycle.github.io/engagement-lifecycle/';
/** The path the site is served under (GitHub Pages serves a project site below its repository name). */
export const BASE = '/engagement-lifecycle/';
