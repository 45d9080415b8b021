import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Portfolio, TPipelinePortfolio } from '@dossier/core';
import { getDefaultTaxonomy, toPipelinePortfolio, ZPipelinePortfolio } from '@dossier/core';
import { checkExistingDocument } from '@dossier/plugins';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { loadConfig } from '../config/load-config.js';
import { createPipelineHost, type PipelineHost } from '../pipeline/create-pipeline-host.js';
import { parseWithPlugins } from '../pipeline/parse-with-plugins.js';
import { readInputFile } from '../pipeline/read-input-file.js';
import { createLogger } from '../services/create-logger.js';
import { printJson, progressPrinter, table } from './output.js';
import { PLUGIN_NAME, SCAFFOLD_KINDS, type ScaffoldKind, scaffoldPlugin } from './plugin-scaffold.js';

async function host(configPath?: string): Promise<PipelineHost> {
  const appConfig = loadConfig();
  return createPipelineHost({ appConfig, logger: createLogger(process.env.LOG_LEVEL ?? 'warn'), configPath });
}

async function loadJob(h: PipelineHost, file: string) {
  const { output, diagnostics } = await parseWithPlugins({
    registry: h.registry,
    deps: h.deps(),
    file: readInputFile(file),
    produces: 'job',
  });
  if (output.type !== 'job') throw new Error('the parser did not produce a job description');
  return { job: output.job, diagnostics };
}

async function loadPortfolio(h: PipelineHost, file: string): Promise<TPipelinePortfolio> {
  const input = readInputFile(file);
  if (input.mediaType === 'application/json') {
    const json = JSON.parse(new TextDecoder().decode(input.bytes)) as {
      format?: string;
      profile?: unknown;
      artifacts?: unknown;
    };
    // The pipeline's own shape (what `dossier import --out` writes).
    if (!json.format && json.profile && Array.isArray(json.artifacts)) return ZPipelinePortfolio.parse(json);
    if (json.format === 'dossier-portfolio') {
      const taxonomy = getDefaultTaxonomy();
      return toPipelinePortfolio(json as Portfolio, (technologies, text) =>
        taxonomy.deriveSkills({ technologies, text }),
      );
    }
  }
  const { output } = await parseWithPlugins({
    registry: h.registry,
    deps: h.deps(),
    file: input,
    produces: 'portfolio',
  });
  if (output.type !== 'portfolio') throw new Error('the parser did not produce a portfolio');
  return output.portfolio;
}

export function registerPipelineCommands(program: Command) {
  const configOption = () => new Option('--config <file>', 'pipeline configuration (dossier.config.json)');

  const jd = program.command('jd').description('Job descriptions.');
  jd.command('parse')
    .description('Parse a job description (text, Markdown or HTML; - for standard input).')
    .argument('<file>', 'the job description, or - to read standard input')
    .addOption(configOption())
    .option('--json', 'print the parsed job as JSON')
    .action(async (file: string, opts: { config?: string; json?: boolean }) => {
      const h = await host(opts.config);
      const { job, diagnostics } = await loadJob(h, file);
      if (opts.json) return printJson(job);
      const lines = [
        `${job.title}${job.company ? ` — ${job.company}` : ''}${job.location ? ` (${job.location})` : ''}`,
        `seniority: ${job.seniority ?? 'n/a'} · experience: ${job.yearsOfExperience ? `${job.yearsOfExperience.min}+ years` : 'n/a'} · language: ${job.language}`,
        '',
        table(
          ['skill', 'weight', 'required', 'mentions'],
          job.skills.map((s) => [s.name, s.weight.toFixed(2), s.required ? 'yes' : '', String(s.mentions)]),
        ),
      ];
      if (job.keywords.length)
        lines.push('', `keywords: ${job.keywords.map((k) => `${k.term} (${k.kind})`).join(', ')}`);
      for (const d of diagnostics) lines.push(`${d.severity}: ${d.message}`);
      process.stdout.write(`${lines.join('\n')}\n`);
    });

  program
    .command('import')
    .description('Import a portfolio from a JSON Resume, Markdown, PDF or DOCX resume.')
    .argument('<file>', 'the resume file')
    .addOption(configOption())
    .option('--out <file>', 'write the imported portfolio (pipeline JSON) to a file')
    .option('--json', 'print the imported portfolio as JSON')
    .action(async (file: string, opts: { config?: string; out?: string; json?: boolean }) => {
      const h = await host(opts.config);
      const portfolio = await loadPortfolio(h, file);
      if (opts.out) writeFileSync(opts.out, `${JSON.stringify(portfolio, null, 2)}\n`);
      if (opts.json) return printJson(portfolio);
      const evidence = portfolio.artifacts.reduce((n, a) => n + a.evidence.length, 0);
      process.stdout.write(
        `${portfolio.profile.name}: ${portfolio.artifacts.length} artifacts, ${evidence} evidence links\n` +
          table(
            ['artifact', 'dates', 'evidence'],
            portfolio.artifacts.map((a) => [
              a.title,
              `${a.startDate} – ${a.endDate ?? 'now'}`,
              String(a.evidence.length),
            ]),
          ) +
          '\n',
      );
    });

  program
    .command('tailor')
    .description('Tailor a CV or cover letter from a portfolio and a job description.')
    .requiredOption('--portfolio <file>', 'a Dossier portfolio export or a JSON Resume document')
    .requiredOption('--job <file>', 'the job description')
    .addOption(new Option('--kind <kind>', 'what to write').choices(['cv', 'cover-letter']).default('cv'))
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['pdf', 'docx', 'md', 'html', 'txt', 'json-resume'])
        .default('pdf'),
    )
    .requiredOption('--out <file>', 'where to write the document')
    .addOption(
      new Option('--tone <tone>', 'letter tone').choices(['formal', 'warm', 'concise']).default('formal'),
    )
    .addOption(
      new Option('--length <length>', 'document length')
        .choices(['short', 'standard', 'long'])
        .default('standard'),
    )
    .option('--labels <ids>', 'comma-separated label ids to favour')
    .addOption(configOption())
    .option('--json', 'print the result summary as JSON')
    .action(
      async (opts: {
        portfolio: string;
        job: string;
        kind: 'cv' | 'cover-letter';
        format: string;
        out: string;
        tone: 'formal' | 'warm' | 'concise';
        length: 'short' | 'standard' | 'long';
        labels?: string;
        config?: string;
        json?: boolean;
      }) => {
        const h = await host(opts.config);
        const portfolio = await loadPortfolio(h, opts.portfolio);
        const jobFile = readInputFile(opts.job);
        const progress = opts.json ? undefined : progressPrinter();
        const result = await h.run(
          {
            kind: opts.kind,
            job: { text: new TextDecoder().decode(jobFile.bytes), mediaType: jobFile.mediaType },
            portfolio,
            labelIds: opts.labels ? opts.labels.split(',').map((s) => s.trim()) : [],
            options: { tone: opts.tone, length: opts.length },
            exportFormats: [opts.format],
          },
          { onProgress: progress?.update },
        );
        progress?.done();
        const doc = result.exports[opts.format];
        if (!doc) throw new Error(`no exporter produced ${opts.format}`);
        writeFileSync(opts.out, doc.bytes);
        const summary = {
          out: opts.out,
          kind: opts.kind,
          format: opts.format,
          bytes: doc.bytes.length,
          generator: result.generator,
          fallbackReason: result.fallbackReason,
          ats: result.ats ? { score: Math.round(result.ats.score), passed: result.ats.passed } : null,
          timings: result.timings,
          usage: result.usage,
          diagnostics: result.diagnostics,
        };
        if (opts.json) return printJson(summary);
        const lines = [
          `wrote ${opts.out} (${opts.format}, ${doc.bytes.length} bytes) with ${result.generator}`,
          result.fallbackReason ? `fell back: ${result.fallbackReason}` : null,
          result.ats
            ? `ATS score ${Math.round(result.ats.score)}/100 — ${result.ats.passed ? 'pass' : 'FAIL'}`
            : null,
          ...(result.ats?.results.flatMap((r) =>
            r.findings.map((f) => `  [${r.checker}] ${f.message} → ${f.fix}`),
          ) ?? []),
          `timings: ${Object.entries(result.timings)
            .map(([k, v]) => `${k} ${Math.round(v)} ms`)
            .join(', ')}`,
        ].filter(Boolean);
        process.stdout.write(`${lines.join('\n')}\n`);
      },
    );

  program
    .command('ats')
    .description('Check an existing PDF, DOCX or Markdown resume against a job description.')
    .argument('<document>', 'the resume to check')
    .requiredOption('--job <file>', 'the job description')
    .addOption(configOption())
    .option('--json', 'print the report as JSON')
    .action(async (document: string, opts: { job: string; config?: string; json?: boolean }) => {
      const h = await host(opts.config);
      const { job } = await loadJob(h, opts.job);
      const file = readInputFile(document);
      const report = await checkExistingDocument({
        bytes: file.bytes,
        mediaType: file.mediaType,
        job,
        taxonomy: getDefaultTaxonomy(),
      });
      if (opts.json) printJson(report);
      else {
        const lines = [`ATS score ${Math.round(report.score)}/100 — ${report.passed ? 'pass' : 'FAIL'}`];
        for (const r of report.results) {
          lines.push(`${r.checker}: ${Math.round(r.score)}`);
          for (const f of r.findings) lines.push(`  ${f.severity}: ${f.message} → ${f.fix}`);
        }
        process.stdout.write(`${lines.join('\n')}\n`);
      }
      if (!report.passed) process.exitCode = 1;
    });

  const plugins = program.command('plugins').description('Pipeline plugins.');
  plugins
    .command('list')
    .description('List the plugins the pipeline configuration loads.')
    .addOption(configOption())
    .option('--json', 'print [{name, kind, version, description}] as JSON')
    .action(async (opts: { config?: string; json?: boolean }) => {
      const h = await host(opts.config);
      const list = h.registry.list();
      if (opts.json) return printJson(list);
      process.stdout.write(
        `${table(
          ['name', 'kind', 'version', 'description'],
          list.map((p) => [p.name, p.kind, p.version, p.description ?? '']),
        )}\n`,
      );
    });

  plugins
    .command('new')
    .description(
      'Write a new plugin package that passes the plugin contract as it stands, ready to change (see docs/plugins.md).',
    )
    .argument('<name>', 'the plugin and package name (lowercase words joined by hyphens)')
    .addOption(
      new Option('--kind <kind>', 'what the plugin does').choices(SCAFFOLD_KINDS).makeOptionMandatory(),
    )
    .option('--dir <folder>', 'where to create the package folder', '.')
    .action((name: string, opts: { kind: ScaffoldKind; dir: string }) => {
      if (!PLUGIN_NAME.test(name)) {
        throw new InvalidArgumentError(
          `"${name}" is not a plugin name: use lowercase words joined by hyphens`,
        );
      }
      const folder = path.resolve(opts.dir, name);
      if (existsSync(folder)) throw new Error(`${folder} already exists; choose another name or --dir`);
      const files = scaffoldPlugin(name, opts.kind);
      mkdirSync(folder, { recursive: true });
      for (const [file, text] of Object.entries(files)) writeFileSync(path.join(folder, file), text);
      const relative = path.relative(process.cwd(), folder);
      // A path in dossier.config.json must look like one ("./…"); a bare name is looked up as an npm package.
      const use = relative.startsWith('..') ? relative : `./${relative}`;
      const lines = [
        `created ${opts.kind} plugin ${name} in ${folder}:`,
        ...Object.keys(files).map((file) => `  ${file}`),
        '',
        'next:',
        `  (cd ${use} && npm run check)   # the plugin contract on sample inputs`,
        `  add { "use": "${use}" } to the plugins of a dossier.config.json here (paths are relative to the file)`,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
