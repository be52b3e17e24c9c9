#!/usr/bin/env bash
# Packs the library and installs the tarball into two scratch consumer projects, one ESM ("type": "module") and
# one CommonJS ("type": "commonjs", npm init's default), each with TypeScript, xstate, vitest and @fast-check/vitest
# from npm. In each:
#   1. plain JavaScript imports (or requires) every entry point in package.json "exports" and runs the engines;
#   2. .ci/smoke/typed.ts is compiled with strict TypeScript (moduleResolution nodenext, library types checked too)
#      and run: a typed actor, a persisted, restored and tampered snapshot, a typed deliver and typed store reads;
#      its @ts-expect-error lines make wrong code (a misspelt event, a wrong status, a wrong effect field) a failure;
#   3. .ci/smoke/workflow.test.ts, a custom workflow's property tests with the testing kit, runs under vitest;
#   4. the same sources type-check with moduleResolution node16 and (ESM) bundler.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
fixtures="$root/.ci/smoke"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

tarball="$(cd "$root" && npm pack --silent --pack-destination "$work" | tail -n 1)"
version() { node -p "const p = require('$root/package.json'); p.devDependencies['$1'] ?? p.dependencies['$1']"; }
entries="$(node -e "
  const x = require('$root/package.json').exports;
  console.log(Object.keys(x).filter((k) => k !== './package.json').map((k) => k === '.' ? 'engagement-lifecycle' : 'engagement-lifecycle/' + k.slice(2)).join(' '));
")"
echo "tarball: $tarball; entries: $entries"

make_project() { # name type
  mkdir -p "$work/$1"
  cat > "$work/$1/package.json" <<JSON
{ "name": "smoke-$1", "version": "1.0.0", "private": true, "type": "$2" }
JSON
  (cd "$work/$1" && npm install --no-audit --no-fund --silent "$work/$tarball" \
    "zod@$(version zod)" "fast-check@$(version fast-check)" "xstate@$(version xstate)" \
    "typescript@$(version typescript)" "@types/node@$(version @types/node)" \
    "vitest@$(version vitest)" "@fast-check/vitest@$(version @fast-check/vitest)" >/dev/null)
}

# The two installs are independent: run them side by side.
make_project esm module & esm_install=$!
make_project cjs commonjs & cjs_install=$!
wait "$esm_install"
wait "$cjs_install"

# 1. Plain JavaScript: every entry, then PlexTrac and DefectDojo through a change.
{
  for e in $entries; do echo "import * as m$RANDOM from '$e';"; done
  cat <<'JS'
import { plextrac } from 'engagement-lifecycle/plextrac';
import { LifecycleError } from 'engagement-lifecycle';
import { defectdojo } from 'engagement-lifecycle/defectdojo';
JS
} > "$work/esm/index.js"
{
  for e in $entries; do echo "require('$e');"; done
  cat <<'JS'
const { plextrac } = require('engagement-lifecycle/plextrac');
const { LifecycleError } = require('engagement-lifecycle');
const { defectdojo } = require('engagement-lifecycle/defectdojo');
JS
} > "$work/cjs/index.js"
for name in esm cjs; do
  cat >> "$work/$name/index.js" <<JS
const r = plextrac.create({ type: 'request', id: 'e', at: '2024-01-01T00:00:00Z', clientId: 'c', name: 'n', startDate: '2024-01-02' });
if (!r.ok || r.state.status !== 'Pending') throw new Error('$name create failed');
const bad = plextrac.apply(r.state, { type: 'nope', at: '2024-01-01T00:00:00Z' });
if (bad.ok || !(bad.error instanceof LifecycleError)) throw new Error('$name errors are not LifecycleError');
const d = defectdojo.create({ type: 'create', id: '1', at: '2024-01-01T00:00:00Z', productId: 1, targetStart: '2024-01-01', targetEnd: '2024-01-02' });
const closed = d.ok && defectdojo.apply(d.state, { type: 'close', at: '2024-01-02T00:00:00Z' });
if (!closed || !closed.ok || closed.state.status !== 'Completed' || closed.state.data.active) throw new Error('$name DefectDojo close failed');
console.log('JavaScript consumer ok ($name)');
JS
  (cd "$work/$name" && node index.js)
done

# 2-4. TypeScript: the fixtures, and a file importing every entry (its types checked with skipLibCheck off).
tsconfig() { # project file module resolution emit files...
  local project="$1" file="$2" module="$3" resolution="$4" emit="$5"; shift 5
  local files; files="$(printf '"%s",' "$@")"
  cat > "$work/$project/$file" <<JSON
{ "compilerOptions": { "strict": true, "module": "$module", "moduleResolution": "$resolution", "target": "ES2022",
  "types": ["node"], "skipLibCheck": false, $emit }, "files": [${files%,}] }
JSON
}
for name in esm cjs; do
  cp "$fixtures/typed.ts" "$fixtures/workflow.test.ts" "$work/$name/"
  for e in $entries; do echo "import * as m$RANDOM from '$e';"; done > "$work/$name/entries.ts"
  tsconfig "$name" tsconfig.json nodenext nodenext '"outDir": "build"' entries.ts typed.ts workflow.test.ts
  # node16 cannot require an ES module, and @fast-check/vitest is ESM only: a CommonJS consumer on node16 tests
  # with moduleResolution nodenext (TypeScript >= 5.8) or as ESM.
  if [ "$name" = esm ]; then node16_files="entries.ts typed.ts workflow.test.ts"; else node16_files="entries.ts typed.ts"; fi
  # shellcheck disable=SC2086
  tsconfig "$name" tsconfig.node16.json node16 node16 '"noEmit": true' $node16_files
done
tsconfig esm tsconfig.bundler.json esnext bundler '"noEmit": true' entries.ts typed.ts workflow.test.ts

pids=()
for name in esm cjs; do
  (
    cd "$work/$name"
    npx --no-install tsc -p tsconfig.json
    node build/typed.js
    npx --no-install vitest run workflow.test.ts --reporter=dot
    echo "vitest + @fast-check/vitest consumer ok ($name)"
  ) & pids+=("$!")
  (cd "$work/$name" && npx --no-install tsc -p tsconfig.node16.json && echo "TypeScript node16 consumer ok ($name)") & pids+=("$!")
done
(cd "$work/esm" && npx --no-install tsc -p tsconfig.bundler.json && echo "TypeScript bundler consumer ok (esm)") & pids+=("$!")
status=0
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
exit "$status"
