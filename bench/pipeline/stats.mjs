// Small numeric and memory helpers shared by the pipeline bench's processes.
import { readdirSync, readFileSync } from 'node:fs';

/** Nearest-rank percentile of an unsorted list (p in 0–100); with 15 samples p95 is the maximum. */
export function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

export function summarize(values) {
  const round = (v) => (v === null ? null : Math.round(v * 100) / 100);
  return {
    n: values.length,
    p50: round(percentile(values, 50)),
    p95: round(percentile(values, 95)),
    min: round(Math.min(...values)),
    max: round(Math.max(...values)),
    mean: round(values.reduce((s, v) => s + v, 0) / values.length),
  };
}

export const mib = (bytes) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/**
 * Samples this process's RSS every `everyMs` (the interval is unref'd, so it never keeps the process alive).
 * Synchronous stages starve the timer, so `process.resourceUsage().maxRSS` (the kernel's high-water mark)
 * is reported beside the sampled peak.
 */
export function startRssSampler(everyMs = 50) {
  let peak = process.memoryUsage().rss;
  let samples = 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
    samples += 1;
  }, everyMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
      return {
        sampledPeakMiB: mib(peak),
        samples,
        maxRssMiB: Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10,
      };
    },
  };
}

function readStatus(pid) {
  try {
    return readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
}

/** Pids of every live descendant of `root`, from /proc (Linux only; empty elsewhere). */
export function descendants(root) {
  const children = new Map();
  let entries = [];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  for (const pid of entries) {
    const ppid = /PPid:\s+(\d+)/.exec(readStatus(pid) ?? '')?.[1];
    if (!ppid) continue;
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(pid);
  }
  const out = [];
  const walk = (pid) => {
    for (const child of children.get(pid) ?? []) {
      out.push(child);
      walk(child);
    }
  };
  walk(String(root));
  return out;
}

/**
 * Memory of a process tree in KiB: proportional set size (shared pages split between the processes that map
 * them, so a multi-process browser is not counted several times over), falling back to RSS.
 */
export function treeMemoryKiB(pids) {
  let total = 0;
  for (const pid of pids) {
    let kib = null;
    try {
      kib = Number(/Pss:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1]);
    } catch {}
    if (!kib) kib = Number(/VmRSS:\s+(\d+)/.exec(readStatus(pid) ?? '')?.[1] ?? 0);
    total += kib;
  }
  return total;
}

/**
 * CPU seconds the whole machine has spent busy since boot, from /proc/stat (null where there is none):
 * compared with a child's own CPU time over the same interval, it shows how much other work ran meanwhile.
 */
export function machineBusySeconds() {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal, in USER_HZ (100 per second on Linux).
    const [user, nice, system, , , irq, softirq, steal = 0] = fields;
    return (user + nice + system + irq + softirq + steal) / 100;
  } catch {
    return null;
  }
}

/** CPU milliseconds (user + system) the given processes have used so far, at the kernel's 10 ms resolution. */
export function treeCpuMs(pids) {
  let ticks = 0;
  for (const pid of pids) {
    try {
      // The command name (field 2) may hold spaces; fields after its closing parenthesis are fixed.
      const rest = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').at(-1).split(' ');
      ticks += Number(rest[11]) + Number(rest[12]);
    } catch {}
  }
  return ticks * 10;
}
