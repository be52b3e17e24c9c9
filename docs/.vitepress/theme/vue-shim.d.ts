// Lets `tsc --noEmit` check the site's TypeScript; the .vue files themselves are compiled by VitePress.
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}
