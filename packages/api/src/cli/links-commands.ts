import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  createGuardedFetch,
  createOutboundGuard,
  type EvidenceValidatorHandler,
  type ResolveHost,
  type StageContext,
} from '@dossier/core';
import {
  checkLinks,
  evidenceValidatorPlugins,
  type LinkCheckResult,
  type LinkRules,
  type StatusOverride,
} from '@dossier/plugins/validators';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { parseOutboundAllowList } from '../config/load-config.js';
import { detectFormat, extractLinks, type LinkFormat } from './extract-links.js';
import { table } from './output.js';
import { type PlannedLink, planLink } from './resolve-links.js';

export const LINK_STATUSES = ['valid', 'redirected', 'unverifiable', 'broken', 'blocked', 'skipped'] as const;

export interface LinksCheckOptions {
  json?: boolean;
  format?: LinkFormat;
  base?: string;
  concurrency: number;
  perHost: number;
  minInterval: number;
  retries: number;
  timeout: number;
  maxRetryAfter: number;
  retryDelay: number;
  /** Commander's --no-host-pause sets it false. */
  hostPause?: boolean;
  userAgent?: string;
  contactUrl?: string;
  githubToken?: string;
  ignore: string[];
  replace: string[];
  header: string[];
  alive: number[];
  status: string[];
  verbose?: boolean;
}

export interface LinksCheckIo {
  /** The document and where it came from (undefined path for standard input). */
  text: string;
  file?: string;
  stdout: (chunk: string) => void;
  stderr: (chunk: string) => void;
  /** Whether stderr is a terminal (progress bar). */
  tty: boolean;
  env: Record<string, string | undefined>;
  signal?: AbortSignal;
  /** For tests: a resolver standing in for DNS. */
  resolve?: ResolveHost;
}

export interface LinksCheckReport {
  results: Pick<LinkCheckResult, 'url' | 'status' | 'httpStatus' | 'finalUrl' | 'reason'>[];
  summary: Record<(typeof LINK_STATUSES)[number] | 'total', number>;
}

const int = (name: string, min: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be an integer ≥ ${min}`);
  return n;
};
const collect = (value: string, previous: string[]) => [...previous, value];

function regex(text: string, option: string): RegExp {
  try {
    return new RegExp(text);
  } catch {
    throw new InvalidArgumentError(`${option}: not a regular expression: ${text}`);
  }
}

/** `--ignore`, `--replace pattern=replacement`, `--header [url-prefix=]Name: value`, `--alive`, `--status`. */
export function buildRules(
  opts: Pick<LinksCheckOptions, 'ignore' | 'replace' | 'header' | 'alive' | 'status'>,
): LinkRules {
  const rules: LinkRules = {};
  if (opts.ignore.length) rules.ignore = opts.ignore.map((p) => regex(p, '--ignore'));
  if (opts.replace.length) {
    rules.replacements = opts.replace.map((spec) => {
      const eq = spec.indexOf('=');
      if (eq <= 0) throw new InvalidArgumentError(`--replace: expected pattern=replacement, got ${spec}`);
      return { pattern: regex(spec.slice(0, eq), '--replace'), replacement: spec.slice(eq + 1) };
    });
  }
  if (opts.header.length) {
    rules.headers = opts.header.map((spec) => {
      const m = /^(?:(https?:\/\/\S*?)=)?([A-Za-z0-9-]+):\s*(.*)$/.exec(spec);
      if (!m) throw new InvalidArgumentError(`--header: expected [url-prefix=]Name: value, got ${spec}`);
      return { match: m[1] ?? /^/, headers: { [m[2]!.toLowerCase()]: m[3]! } };
    });
  }
  if (opts.alive.length) rules.aliveStatusCodes = opts.alive;
  if (opts.status.length) {
    rules.statusCodes = {};
    for (const spec of opts.status) {
      const m = /^([1-5](?:\d\d|xx))=(ok|warn|skip|error)$/.exec(spec);
      if (!m)
        throw new InvalidArgumentError(
          `--status: expected code=ok|warn|skip|error (e.g. 403=ok, 5xx=skip), got ${spec}`,
        );
      rules.statusCodes[m[1]!] = m[2] as StatusOverride;
    }
  }
  return rules;
}

/** The built-in validators, lowest order first, with retries left to the engine. */
async function createValidators(
  opts: LinksCheckOptions,
  allowList: string[],
  signal?: AbortSignal,
  resolve?: ResolveHost,
) {
  const guard = createOutboundGuard({ allowList, ...(resolve ? { resolve } : {}) });
  const http = createGuardedFetch({ guard, timeoutMs: opts.timeout });
  const httpOptions = {
    retries: 0,
    hostBackoff: false,
    retryDelayMs: opts.retryDelay,
    totalTimeoutMs: opts.timeout,
    headersTimeoutMs: Math.min(opts.timeout, 20_000),
    ...(opts.userAgent ? { userAgent: opts.userAgent } : {}),
    ...(opts.contactUrl ? { contactUrl: opts.contactUrl } : {}),
  };
  const noop = () => {};
  const deps = {
    logger: { debug: noop, info: noop, warn: noop, error: noop },
    clock: () => new Date(),
    // Validators never read the skill taxonomy; loading it would only slow the command down.
    taxonomy: undefined as never,
    http,
  };
  const options: Record<string, Record<string, unknown>> = {
    http: httpOptions,
    github: { http: httpOptions, ...(opts.githubToken ? { token: opts.githubToken } : {}) },
    doi: { http: httpOptions },
  };
  const handlers: EvidenceValidatorHandler[] = [];
  for (const plugin of [...evidenceValidatorPlugins].sort((a, b) => (a.order ?? 0) - (b.order ?? 0))) {
    handlers.push((await plugin.create(options[plugin.name] ?? {}, deps)) as EvidenceValidatorHandler);
  }
  const ctx = (s: AbortSignal): StageContext => ({ signal: s, report: noop, progress: noop });
  return {
    close: () => guard.close(),
    validate: (url: string, s: AbortSignal, input?: Parameters<EvidenceValidatorHandler['validate']>[2]) => {
      const handler = handlers.find((h) => h.handles(new URL(url)));
      if (!handler) {
        return Promise.resolve({
          status: 'broken' as const,
          httpStatus: null,
          finalUrl: null,
          reason: 'no validator',
        });
      }
      return handler.validate(url, ctx(signal ?? s), input);
    },
  };
}

function progressBar(tty: boolean, write: (s: string) => void) {
  let last = 0;
  return {
    update(done: number, total: number, force = false) {
      if (!tty) return;
      const now = Date.now();
      if (!force && now - last < 100 && done < total) return;
      last = now;
      const width = 30;
      const filled = total === 0 ? width : Math.round((done / total) * width);
      write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} links\u001b[K`);
    },
    done() {
      if (tty) write('\r\u001b[K');
    },
  };
}

/** `dossier links check`: returns the exit code (1 when anything is broken). */
export async function runLinksCheck(
  opts: LinksCheckOptions,
  io: LinksCheckIo,
): Promise<{ code: number; report: LinksCheckReport }> {
  const allowList = parseOutboundAllowList(io.env.DOSSIER_OUTBOUND_ALLOWLIST ?? '');
  const rules = buildRules(opts);
  if (opts.base && !URL.canParse(opts.base))
    throw new InvalidArgumentError(`--base: not an absolute URL: ${opts.base}`);
  const format = opts.format ?? detectFormat(io.text, io.file);
  const { links, base: documentBase } = extractLinks(io.text, format);
  const planned: PlannedLink[] = links.map((l) =>
    planLink(l, { base: opts.base, documentBase, file: io.file ? path.resolve(io.file) : undefined }),
  );
  const httpUrls = planned.flatMap((p) => (p.type === 'http' ? [p.url] : []));
  const validators = await createValidators(opts, allowList, io.signal, io.resolve);
  const bar = progressBar(io.tty, io.stderr);
  let checked: LinkCheckResult[];
  try {
    checked = await checkLinks({
      urls: httpUrls,
      validate: validators.validate,
      concurrency: opts.concurrency,
      perHost: opts.perHost,
      minIntervalMs: opts.minInterval,
      retries: opts.retries,
      maxRetryAfterMs: opts.maxRetryAfter,
      pauseHost: opts.hostPause !== false,
      rules,
      onProgress: ({ done, total }) => bar.update(done, total),
      ...(io.signal ? { signal: io.signal } : {}),
    });
  } finally {
    bar.done();
    await validators.close();
  }
  const byUrl = new Map(checked.map((r) => [r.url, r]));
  const seen = new Set<string>();
  const results: LinksCheckReport['results'] = [];
  for (const p of planned) {
    const r = p.type === 'http' ? byUrl.get(p.url)! : p.result;
    if (seen.has(r.url)) continue;
    seen.add(r.url);
    results.push({
      url: r.url,
      status: r.status,
      httpStatus: r.httpStatus,
      finalUrl: r.finalUrl,
      reason: r.reason,
    });
  }
  const summary = Object.fromEntries([
    ['total', results.length],
    ...LINK_STATUSES.map((s) => [s, 0]),
  ]) as LinksCheckReport['summary'];
  for (const r of results) summary[r.status] += 1;
  const report: LinksCheckReport = { results, summary };
  if (opts.json) {
    io.stdout(`${JSON.stringify(report)}\n`);
  } else {
    const shown = opts.verbose
      ? results
      : results.filter((r) => r.status !== 'valid' && r.status !== 'skipped');
    if (shown.length) {
      io.stdout(
        `${table(
          ['status', 'http', 'url', 'reason'],
          shown.map((r) => [
            r.status,
            r.httpStatus === null ? '' : String(r.httpStatus),
            r.url,
            [r.reason, r.finalUrl && r.finalUrl !== r.url ? `→ ${r.finalUrl}` : ''].filter(Boolean).join(' '),
          ]),
        )}\n\n`,
      );
    }
    io.stdout(
      `${table(
        ['status', 'links'],
        LINK_STATUSES.map((s) => [s, String(summary[s])]),
      )}\ntotal  ${summary.total}\n`,
    );
  }
  return { code: summary.broken > 0 ? 1 : 0, report };
}

export function registerLinksCommands(program: Command) {
  const links = program.command('links').description('Links: check them without a database.');
  links
    .command('check')
    .description(
      'Check links: one URL a line, or the links of a Markdown or HTML file (- or nothing for standard input). ' +
        'Exit code 1 when any link is broken. DOSSIER_OUTBOUND_ALLOWLIST opens private addresses.',
    )
    .argument('[file]', 'a URL list, Markdown or HTML file, or - for standard input', '-')
    .option('--json', 'print {"results":[…],"summary":{…}} as JSON')
    .addOption(
      new Option('--format <format>', 'input format (guessed from the name and content)').choices([
        'urls',
        'markdown',
        'html',
      ]),
    )
    .option('--base <url>', 'resolve relative links against this URL')
    .option('--concurrency <n>', 'requests in flight at once', int('--concurrency', 1), 50)
    .option('--per-host <n>', 'requests in flight at once per host', int('--per-host', 1), 2)
    .option(
      '--min-interval <ms>',
      'least time between two requests to one host',
      int('--min-interval', 0),
      500,
    )
    .option(
      '--retries <n>',
      'retries for 429, 503, 5xx and timeouts before a verdict',
      int('--retries', 0),
      3,
    )
    .option('--timeout <ms>', 'deadline of one request', int('--timeout', 1), 30_000)
    .option(
      '--retry-delay <ms>',
      'wait before a retry when the server names none',
      int('--retry-delay', 0),
      1_000,
    )
    .option('--max-retry-after <ms>', 'longest Retry-After waited for', int('--max-retry-after', 0), 60_000)
    .option('--no-host-pause', 'on 429/503 wait out Retry-After for that URL only, not for its whole host')
    .option('--user-agent <ua>', 'the User-Agent header (default: Dossier-LinkCheck/0.1 with --contact-url)')
    .option('--contact-url <url>', 'where site owners can reach you, put in the default User-Agent')
    .option('--github-token <token>', 'a GitHub token for the REST API (more requests per hour)')
    .option('--ignore <regex>', 'skip links matching this pattern (repeatable)', collect, [])
    .option('--replace <pattern=replacement>', 'rewrite links before checking (repeatable)', collect, [])
    .option(
      '--header <[url-prefix=]Name: value>',
      'send a header, to every URL or those with a prefix (repeatable)',
      collect,
      [],
    )
    .option(
      '--alive <codes>',
      'status codes that count as alive besides 2xx (comma-separated)',
      (v: string) => v.split(',').map((c) => int('--alive', 100)(c.trim())),
      [] as number[],
    )
    .option(
      '--status <code=action>',
      'what a status means: 403=ok, 4xx=warn, 404=error, 5xx=skip (repeatable)',
      collect,
      [],
    )
    .option('--verbose', 'list every link, not only the ones with a problem')
    .action(async (file: string, opts: LinksCheckOptions) => {
      const fromStdin = file === '-';
      const text = fromStdin ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
      const controller = new AbortController();
      const stop = () => controller.abort(new Error('interrupted'));
      process.once('SIGINT', stop);
      const { code } = await runLinksCheck(opts, {
        text,
        ...(fromStdin ? {} : { file }),
        stdout: (s) => process.stdout.write(s),
        stderr: (s) => process.stderr.write(s),
        tty: Boolean(process.stderr.isTTY),
        env: process.env,
        signal: controller.signal,
      });
      process.off('SIGINT', stop);
      // Exit explicitly: an exit hook of the embedded database package, loaded by other commands, would
      // otherwise end the process with 0 once the event loop is empty.
      process.stdout.write('', () => process.exit(code));
    });
}
