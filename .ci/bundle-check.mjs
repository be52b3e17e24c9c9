// Checks what importing `derive` alone adds to a consumer's bundle: no xstate, and under 5 kB min+gz
// (peers excluded). Run after the build.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';

const result = await build({
  stdin: { contents: "export { derive } from './dist/plextrac.js';", resolveDir: process.cwd(), loader: 'js' },
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  external: ['zod', 'fast-check'],
  write: false,
  metafile: true,
});
// Inputs that contribute code to the output (esbuild lists tree-shaken modules with 0 bytes).
const inputs = Object.entries(result.metafile.outputs)
  .flatMap(([, out]) => Object.entries(out.inputs))
  .filter(([, info]) => info.bytesInOutput > 0)
  .map(([path]) => path);
const code = result.outputFiles[0].contents;
const gz = gzipSync(code).length;
console.log(`derive alone: ${code.length} B minified, ${gz} B min+gz; from ${inputs.length} modules`);
const xstate = inputs.filter((i) => i.includes('xstate'));
if (xstate.length > 0) {
  console.error(`derive pulls xstate into the bundle: ${xstate.join(', ')}`);
  process.exit(1);
}
if (gz > 5 * 1024) {
  console.error(`derive alone is ${gz} B min+gz, over the 5 kB budget`);
  process.exit(1);
}
