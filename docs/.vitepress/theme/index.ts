/** The site's theme: VitePress's default, with the diagram and playground components. */
import DefaultTheme from 'vitepress/theme';
import type { Theme } from 'vitepress';
import Mermaid from './Mermaid.vue';
import Playground from './Playground.vue';

const theme: Theme = {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component('Mermaid', Mermaid);
    app.component('Playground', Playground);
  },
};

export default theme;
