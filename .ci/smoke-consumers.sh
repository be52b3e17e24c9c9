#!/usr/bin/env bash
# Packs the library and installs the tarball into scratch consumer projects (ESM and CommonJS), which import
# every entry point listed in package.json "exports" and use it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

tarball="$(cd "$root" && npm pack --silent --pack-destination "$work" | tail -n 1)"
zod_version="$(node -p "require('$root/package.json').devDependencies.zod")"
fc_version="$(node -p "require('$root/package.json').devDependencies['fast-check']")"
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
  (cd "$work/$1" && npm install --no-audit --no-fund --silent "$work/$tarball" "zod@$zod_version" "fast-check@$fc_version" >/dev/null)
}

make_project esm module
make_project cjs commonjs

# ESM: import every entry, then run PlexTrac through a change.
{
  for e in $entries; do echo "import * as m$RANDOM from '$e';"; done
  cat <<'JS'
import { plextrac } from 'engagement-lifecycle/plextrac';
import { LifecycleError } from 'engagement-lifecycle';
const r = plextrac.create({ type: 'request', id: 'e', at: '2024-01-01T00:00:00Z', clientId: 'c', name: 'n', startDate: '2024-01-02' });
if (!r.ok || r.state.status !== 'Pending') throw new Error('ESM create failed');
const bad = plextrac.apply(r.state, { type: 'nope', at: '2024-01-01T00:00:00Z' });
if (bad.ok || !(bad.error instanceof LifecycleError)) throw new Error('ESM errors are not LifecycleError');
import { defectdojo } from 'engagement-lifecycle/defectdojo';
const d = defectdojo.create({ type: 'create', id: '1', at: '2024-01-01T00:00:00Z', productId: 1, targetStart: '2024-01-01', targetEnd: '2024-01-02' });
const closed = d.ok && defectdojo.apply(d.state, { type: 'close', at: '2024-01-02T00:00:00Z' });
if (!closed || !closed.ok || closed.state.status !== 'Completed' || closed.state.data.active) throw new Error('ESM DefectDojo close failed');
console.log('ESM consumer ok');
JS
} > "$work/esm/index.js"
(cd "$work/esm" && node index.js)

# CommonJS: require every entry, then the same run.
{
  for e in $entries; do echo "require('$e');"; done
  cat <<'JS'
const { plextrac } = require('engagement-lifecycle/plextrac');
const { LifecycleError } = require('engagement-lifecycle');
const r = plextrac.create({ type: 'request', id: 'e', at: '2024-01-01T00:00:00Z', clientId: 'c', name: 'n', startDate: '2024-01-02' });
if (!r.ok || r.state.status !== 'Pending') throw new Error('CJS create failed');
const bad = plextrac.apply(r.state, { type: 'nope', at: '2024-01-01T00:00:00Z' });
if (bad.ok || !(bad.error instanceof LifecycleError)) throw new Error('CJS errors are not LifecycleError');
const { defectdojo } = require('engagement-lifecycle/defectdojo');
const d = defectdojo.create({ type: 'create', id: '1', at: '2024-01-01T00:00:00Z', productId: 1, targetStart: '2024-01-01', targetEnd: '2024-01-02' });
const closed = d.ok && defectdojo.apply(d.state, { type: 'close', at: '2024-01-02T00:00:00Z' });
if (!closed || !closed.ok || closed.state.status !== 'Completed' || closed.state.data.active) throw new Error('CJS DefectDojo close failed');
console.log('CommonJS consumer ok');
JS
} > "$work/cjs/index.js"
(cd "$work/cjs" && node index.js)

# TypeScript consumers: moduleResolution node16 (an ESM package) and bundler, type-checking every entry.
ts_version="$(node -p "require('$root/package.json').devDependencies.typescript")"
types_node="$(node -p "require('$root/package.json').devDependencies['@types/node']")"
for variant in node16:module node16:commonjs bundler:module; do
  mode="${variant%%:*}"; type="${variant##*:}"; name="ts-$mode-$type"
  make_project "$name" "$type"
  (cd "$work/$name" && npm install --no-audit --no-fund --silent "typescript@$ts_version" "@types/node@$types_node" >/dev/null)
  if [ "$mode" = node16 ]; then module=node16; else module=esnext; fi
  cat > "$work/$name/tsconfig.json" <<JSON
{ "compilerOptions": { "strict": true, "noEmit": true, "module": "$module", "moduleResolution": "$mode",
  "target": "ES2022", "types": ["node"], "skipLibCheck": false }, "files": ["index.ts"] }
JSON
  {
    for e in $entries; do echo "import * as m$RANDOM from '$e';"; done
    cat <<'TS'
import { plextrac, type PlextracState } from 'engagement-lifecycle/plextrac';
import { defectdojo, type DefectDojoState } from 'engagement-lifecycle/defectdojo';
import { isLifecycleError, type Effect, type LifecycleError } from 'engagement-lifecycle';
const r = plextrac.create({ type: 'request', id: 'e', at: '2024-01-01T00:00:00Z', clientId: 'c', name: 'n', startDate: '2024-01-02' });
if (r.ok) {
  const s: PlextracState = r.state;
  const effects: readonly Effect[] = r.effects;
  console.log(s.status, effects.length);
} else {
  const e: LifecycleError = r.error;
  console.log(isLifecycleError(e), e.code);
}
const d = defectdojo.create({ type: 'create', id: '1', at: new Date(0), productId: 1, targetStart: '2024-01-01', targetEnd: '2024-01-02' });
if (d.ok) { const s: DefectDojoState = d.state; console.log(s.data.active); }
// @ts-expect-error a calendar date is not an instant
plextrac.apply(null as unknown as PlextracState, { type: 'clock', at: '2024-01-01' });
TS
  } > "$work/$name/index.ts"
  (cd "$work/$name" && npx --no-install tsc -p .)
  echo "TypeScript consumer (moduleResolution $mode, $type) ok"
done
