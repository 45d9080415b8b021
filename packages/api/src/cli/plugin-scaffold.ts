// `dossier plugins new`: a working plugin package to start from, for the kinds most often added. Each one passes
// the plugin contract as written (its check.mjs runs `expectPluginToPass` on the contract kit's samples), so an
// author changes working code instead of filling in a blank.

export const SCAFFOLD_KINDS = ['matcher', 'generator', 'exporter', 'ats-checker'] as const;
export type ScaffoldKind = (typeof SCAFFOLD_KINDS)[number];

/** npm-style package names without a scope: what a plugin is called in logs, errors and dossier.config.json. */
export const PLUGIN_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

const HANDLERS: Record<ScaffoldKind, { summary: string; options: string; create: string }> = {
  matcher: {
    summary: 'Scores each artifact for a job between 0 and 1, with the reasons shown to the user.',
    options: `{ minShare: { type: 'number', minimum: 0, maximum: 1, default: 0 } }`,
    create: `  create(options) {
    return {
      // Replace with your own scoring. This one rewards artifacts whose technologies the job asks for.
      async match({ job, artifacts }) {
        const wanted = new Map(job.skills.map((skill) => [skill.name.toLowerCase(), skill.name]));
        return artifacts.map((artifact) => {
          const hits = artifact.technologies.filter((tech) => wanted.has(tech.toLowerCase()));
          const share = wanted.size ? hits.length / wanted.size : 0;
          return {
            artifactId: artifact.id,
            score: share >= options.minShare ? share : 0,
            reasons: hits.length ? [{ kind: 'technologies', detail: \`uses \${hits.join(', ')}\`, weight: 1 }] : [],
            matchedSkills: hits.map((tech) => wanted.get(tech.toLowerCase())),
            matchedKeywords: [],
          };
        });
      },
    };
  },`,
  },
  generator: {
    summary: 'Writes a CV or a cover letter from the best-matching artifacts, every item citing its sources.',
    options: `{
      heading: { type: 'string', minLength: 1, default: 'Selected work' },
      maxItems: { type: 'integer', minimum: 1, maximum: 20, default: 4 },
    }`,
    create: `  create(options, deps) {
    return {
      kinds: ['cv', 'cover-letter'],
      // Replace with your own writing. This one lists the best-matching artifacts with their summary and
      // outcomes as the portfolio words them, so every claim is the artifact's own (the grounding check that
      // follows the generator passes), and cites the artifact and its evidence links for each item.
      async generate({ kind, job, profile, ranked, options: wanted }, ctx) {
        if (ctx.signal.aborted) throw ctx.signal.reason;
        const chosen = ranked.slice(0, Math.min(options.maxItems, wanted.maxArtifacts));
        const items = chosen.map(({ artifact }) => ({
          id: \`item-\${artifact.id}\`,
          title: artifact.title,
          subtitle: [artifact.role, artifact.organization].filter(Boolean).join(' · ') || null,
          dates: { start: artifact.startDate, end: artifact.endDate },
          text: null,
          bullets: [artifact.summary, ...artifact.outcomes].filter(Boolean),
          skills: artifact.technologies,
          links: artifact.evidence.map((e) => ({ url: e.url, label: e.title ?? e.url, evidenceId: e.id })),
          sources: [{ artifactId: artifact.id, evidenceIds: artifact.evidence.map((e) => e.id) }],
        }));
        return {
          content: {
            kind,
            title: \`\${profile.name} — \${kind === 'cv' ? 'CV' : 'cover letter'}\${job.title ? \` for \${job.title}\` : ''}\`,
            profile: {
              name: profile.name,
              headline: profile.headline,
              email: profile.email,
              phone: profile.phone,
              location: profile.location,
              links: profile.links,
            },
            sections: [{ id: 'selected-work', kind: 'projects', heading: options.heading, items }],
            meta: {
              jobTitle: job.title ?? null,
              company: job.company ?? null,
              generator: NAME,
              tone: wanted.tone,
              generatedAt: deps.clock().toISOString(),
            },
          },
        };
      },
    };
  },`,
  },
  exporter: {
    summary: 'Writes a document (a CV or a letter) as a file of its own format.',
    options: `{ bullet: { type: 'string', minLength: 1, maxLength: 4, default: '-' } }`,
    create: `  create(options) {
    return {
      format: 'outline',
      // Replace with your own format. This one writes a plain-text outline, one line per item and bullet.
      async export({ content }, ctx) {
        if (ctx.signal.aborted) throw ctx.signal.reason;
        const lines = [content.title ?? 'Document'];
        for (const section of content.sections) {
          lines.push('', section.heading.toUpperCase());
          for (const item of section.items) {
            lines.push([item.title, item.text].filter(Boolean).join(': '));
            for (const bullet of item.bullets) lines.push(\`  \${options.bullet} \${bullet}\`);
          }
        }
        return {
          bytes: new TextEncoder().encode(\`\${lines.join('\\n')}\\n\`),
          mediaType: 'text/plain; charset=utf-8',
          extension: 'txt',
        };
      },
    };
  },`,
  },
  'ats-checker': {
    summary: 'Checks a generated document and reports a 0–100 score with findings, each with a fix.',
    options: `{ passScore: { type: 'number', minimum: 0, maximum: 100, default: 75 } }`,
    create: `  create(options) {
    return {
      weight: 1,
      // Replace with your own rule. This one asks every item to cite at least one evidence link.
      async check({ content }) {
        const items = content.sections.flatMap((section) => section.items);
        const findings = items
          .filter((item) => !item.sources.some((source) => source.evidenceIds.length > 0))
          .map((item) => ({
            ruleId: 'cites-evidence',
            severity: 'warning',
            message: \`"\${item.title || item.text || item.id}" cites no evidence link\`,
            fix: 'Add an evidence link to the artifact this item comes from',
            ref: item.id,
          }));
        const score = items.length ? Math.round((100 * (items.length - findings.length)) / items.length) : 100;
        return { score, passed: score >= options.passScore, findings, details: { items: items.length } };
      },
    };
  },`,
  },
};

/** The files of a new plugin package, by path inside its folder. */
export function scaffoldPlugin(name: string, kind: ScaffoldKind): Record<string, string> {
  const handler = HANDLERS[kind];
  return {
    'package.json': `${JSON.stringify(
      {
        name,
        version: '0.1.0',
        description: `A Dossier ${kind} plugin.`,
        type: 'module',
        exports: { '.': './index.js' },
        scripts: { check: 'node check.mjs' },
        peerDependencies: { '@dossier/core': '>=0.1.0' },
      },
      null,
      2,
    )}\n`,
    'index.js': `import { definePlugin } from '@dossier/core/plugins';

const NAME = '${name}';

/** ${handler.summary} */
export default definePlugin({
  name: NAME,
  kind: '${kind}',
  version: '0.1.0',
  description: '${handler.summary.replace(/'/g, "\\'")}',
  // Checked with ajv when the plugin is registered; defaults are applied before create() sees the options.
  optionsSchema: {
    type: 'object',
    properties: ${handler.options},
    additionalProperties: false,
  },
  // deps: logger, clock, taxonomy, llm?, http? — take everything from there, never from globals.
${handler.create}
});
`,
    'check.mjs': `// Runs the plugin contract on the sample inputs of the contract kit: \`npm run check\`.
import { createPluginSamples, expectPluginToPass } from '@dossier/core/testing';
import plugin from './index.js';

await expectPluginToPass(plugin, { sample: createPluginSamples()['${kind}'] });
console.log(\`\${plugin.name} passes the plugin contract\`);
`,
    'README.md': `# ${name}

A Dossier ${kind} plugin. ${handler.summary}

- \`index.js\` is the plugin; change the handler in \`create()\`.
- \`npm run check\` runs the plugin contract against sample inputs (it needs \`@dossier/core\`: keep this folder
  inside a Dossier checkout, or install it next to the plugin).
- Load it by listing the folder in \`dossier.config.json\`:

\`\`\`json
{ "plugins": [{ "use": "./${name}" }] }
\`\`\`

and check that it is loaded with \`npx dossier plugins list --config dossier.config.json\`. The guide is
\`docs/plugins.md\` in the Dossier repository.
`,
  };
}
