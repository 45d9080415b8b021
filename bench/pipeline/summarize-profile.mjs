// `node bench/pipeline/summarize-profile.mjs <file.cpuprofile> [top]`: where a V8 CPU profile (from
// `BENCH_CPU_PROF=1 npm run bench:pipeline`) spends its time — self time by module and by function, and
// inclusive time by function (each function counted once per sample, so recursion is not double counted).
import { readFileSync } from 'node:fs';
import path from 'node:path';

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/pipeline/summarize-profile.mjs <file.cpuprofile> [top]');
  process.exit(2);
}
const top = Number.parseInt(topArg ?? '25', 10);
const profile = JSON.parse(readFileSync(file, 'utf8'));

/** `pdfjs-dist`, `@dossier/plugins ats/extract-pdf-text.js`, `node:internal/…`, or a V8 pseudo-frame. */
function moduleOf(url) {
  if (!url) return '(native/V8)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const ours = /packages\/([^/]+)\/dist\/(.*)$/.exec(url);
  if (ours) return `@dossier/${ours[1]} ${ours[2]}`;
  if (url.startsWith('node:')) return 'node (internals)';
  return path.relative(process.cwd(), url.replace(/^file:\/\//, ''));
}

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const keyOf = (n) => {
  const { functionName, url, lineNumber } = n.callFrame;
  return `${functionName || '(anonymous)'}  ${moduleOf(url)}:${lineNumber + 1}`;
};

const self = new Map();
const selfModule = new Map();
const inclusive = new Map();
let total = 0;
profile.samples.forEach((id, i) => {
  const dt = (profile.timeDeltas[i] ?? 0) / 1000;
  total += dt;
  const node = byId.get(id);
  const name = node.callFrame.functionName;
  const key = keyOf(node);
  self.set(key, (self.get(key) ?? 0) + dt);
  const mod = name.startsWith('(') ? name : moduleOf(node.callFrame.url);
  selfModule.set(mod, (selfModule.get(mod) ?? 0) + dt);
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const k = keyOf(byId.get(cur));
    if (!seen.has(k)) {
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + dt);
    }
  }
});

const show = (title, map, n, skip = () => false) => {
  console.log(`\n${title}`);
  for (const [k, ms] of [...map]
    .filter(([k]) => !skip(k))
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)) {
    console.log(`${ms.toFixed(0).padStart(9)} ms ${((ms / total) * 100).toFixed(1).padStart(5)}%  ${k}`);
  }
};
console.log(`${path.basename(file)}: ${total.toFixed(0)} ms sampled`);
show('self time by module', selfModule, 15);
show('self time by function', self, top);
show(
  'inclusive time by function',
  inclusive,
  top,
  (k) => k.startsWith('(root)') || k.startsWith('(program)'),
);
