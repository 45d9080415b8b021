// Deterministic synthetic portfolios in the pipeline's own shape (`ZPipelinePortfolio`), modelled on
// fixtures/pipeline/portfolio.json: the same profile, and artifacts whose titles, stacks, outcomes, dates and
// evidence vary the way a real engineer's do. A seeded PRNG makes every size the same on every run, and the
// first N artifacts of a larger portfolio are those of a smaller one, so sizes differ only in count.

/** mulberry32: small, fast and good enough to pick words; not for anything secret. */
export function createRandom(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min, max) => min + Math.floor(next() * (max - min + 1));
  const pick = (list) => list[Math.floor(next() * list.length)];
  const sample = (list, count) => {
    const copy = [...list];
    const out = [];
    while (out.length < count && copy.length > 0)
      out.push(copy.splice(Math.floor(next() * copy.length), 1)[0]);
    return out;
  };
  return { next, int, pick, sample };
}

// Stacks that occur together in practice, so the matcher sees realistic co-occurrence, not word salad.
const THEMES = [
  {
    name: 'backend-go',
    techs: ['Go', 'PostgreSQL', 'Kafka', 'gRPC', 'Kubernetes', 'AWS', 'Redis', 'Terraform', 'Docker'],
    things: ['ledger service', 'payments API', 'settlement engine', 'rate limiter', 'webhook dispatcher'],
    labels: ['Backend', 'Payments'],
  },
  {
    name: 'backend-jvm',
    techs: ['Java', 'Kotlin', 'Spring Boot', 'PostgreSQL', 'Kafka', 'Redis', 'Docker', 'GCP', 'gRPC'],
    things: ['order management service', 'pricing engine', 'inventory API', 'notification service'],
    labels: ['Backend'],
  },
  {
    name: 'data',
    techs: ['Python', 'Apache Spark', 'Airflow', 'dbt', 'Snowflake', 'SQL', 'Kafka', 'AWS', 'Flink'],
    things: [
      'data pipeline',
      'reporting warehouse',
      'event ingestion layer',
      'CDC connector',
      'metrics store',
    ],
    labels: ['Data platform'],
  },
  {
    name: 'ml',
    techs: [
      'Python',
      'PyTorch',
      'scikit-learn',
      'MLflow',
      'Kubernetes',
      'FastAPI',
      'Docker',
      'GCP',
      'pandas',
    ],
    things: ['fraud model', 'ranking model', 'feature store', 'model serving layer', 'forecasting service'],
    labels: ['ML platform', 'Data platform'],
  },
  {
    name: 'frontend',
    techs: ['TypeScript', 'React', 'Node.js', 'GraphQL', 'Next.js', 'CSS', 'Jest', 'Playwright', 'Vite'],
    things: ['merchant dashboard', 'checkout flow', 'design system', 'onboarding wizard', 'admin console'],
    labels: ['Frontend'],
  },
  {
    name: 'infra',
    techs: [
      'Kubernetes',
      'Terraform',
      'AWS',
      'Prometheus',
      'Grafana',
      'Helm',
      'GitHub Actions',
      'Linux',
      'Go',
    ],
    things: [
      'deployment pipeline',
      'observability stack',
      'cluster autoscaler',
      'secrets rotation',
      'CI/CD platform',
    ],
    labels: ['Infrastructure', 'Backend'],
  },
  {
    name: 'systems',
    techs: ['Rust', 'C++', 'Linux', 'PostgreSQL', 'gRPC', 'Docker', 'Prometheus'],
    things: ['storage engine', 'query planner', 'log compactor', 'network proxy', 'time-series index'],
    labels: ['Backend', 'Infrastructure'],
  },
];
const ADJECTIVES = [
  'Multi-region',
  'Real-time',
  'Self-service',
  'Event-driven',
  'Batch',
  'Streaming',
  'Internal',
  'Public',
  'Tenant-aware',
  'Zero-downtime',
];
const VERBS = [
  'Designed and built',
  'Led the rewrite of',
  'Migrated',
  'Owned and operated',
  'Scaled',
  'Introduced',
  'Replaced the legacy',
  'Hardened',
];
const PURPOSES = [
  'so that finance teams could close the month without manual fixes',
  'with idempotent writes and at-least-once delivery from the event stream',
  'cutting the on-call load for three product teams',
  'behind a feature flag, rolled out market by market',
  'with per-tenant quotas and an audit trail for regulators',
  'and wrote the runbooks and dashboards the team still uses',
];
const ORGS = [
  'Northwind Pay',
  'Ledgerline',
  'Contoso Logistics',
  'Fabrikam Health',
  'Tailspin Travel',
  'Adatum Energy',
  'Litware Labs',
];
const ROLES = [
  'Backend Engineer',
  'Senior Backend Engineer',
  'Staff Engineer',
  'Software Engineer',
  'Data Engineer',
  'Platform Engineer',
  'Tech Lead',
];
const PEOPLE = [
  'Ines Duarte',
  'Kwame Mensah',
  'Priya Raman',
  'Jonas Becker',
  'Mei Tanaka',
  'Lucas Moreau',
  'Amara Obi',
  'Sven Lund',
  'Ana Petrović',
  'Diego Alvarez',
];
const OUTCOMES = [
  (r) => `Cut p99 latency from ${r.int(120, 900)} ms to ${r.int(15, 110)} ms`,
  (r) => `Processed ${r.int(2, 40) * 100} requests per second at peak with no data loss`,
  (r) => `Reduced monthly cloud spend by ${r.int(10, 55)}%`,
  (r) => `Brought deployment time down from ${r.int(30, 90)} minutes to ${r.int(3, 15)} minutes`,
  (r) => `Onboarded ${r.int(3, 25)} teams in ${r.int(2, 9)} months`,
  (r) => `Raised test coverage from ${r.int(20, 50)}% to ${r.int(70, 95)}%`,
  (r) => `Reduced incidents by ${r.int(20, 80)}% quarter over quarter`,
  (r) => `Handled ${r.int(1, 90)} million events per day`,
  (r) => `Saved EUR ${r.int(20, 400)},000 a year in licence costs`,
];
const EVIDENCE = [
  (r, slug, org) => ({
    kind: 'pull-request',
    url: `https://github.com/${org}/${slug}/pull/${r.int(10, 4000)}`,
    title: 'Main pull request',
  }),
  (_r, slug, org) => ({ kind: 'repo', url: `https://github.com/${org}/${slug}`, title: 'Source repository' }),
  (_r, slug, org) => ({
    kind: 'article',
    url: `https://engineering.${org}.example/blog/${slug}`,
    title: 'Engineering blog post',
  }),
  (_r, slug) => ({ kind: 'site', url: `https://${slug}.example.dev`, title: 'Live site' }),
  (r) => ({
    kind: 'doi',
    url: `https://doi.org/10.${r.int(1000, 9999)}/${r.int(100000, 999999)}`,
    title: 'Paper',
  }),
];
const STATUSES = ['valid', 'valid', 'valid', 'valid', 'valid', 'redirected', 'unchecked', 'broken'];

const slugify = (s) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
const isoDate = (year, month) => `${year}-${String(month).padStart(2, '0')}-01`;

function makeArtifact(r, index, taxonomy) {
  const theme = r.pick(THEMES);
  const thing = r.pick(theme.things);
  const title = `${r.pick(ADJECTIVES)} ${thing}`;
  const id = `art-${String(index).padStart(4, '0')}`;
  const slug = slugify(`${thing}-${index}`);
  const org = r.pick(ORGS);
  const orgSlug = slugify(org);
  const technologies = r.sample(theme.techs, r.int(3, 6));
  const summary = `${r.pick(VERBS)} the ${thing} in ${technologies.slice(0, 2).join(' and ')}, ${r.pick(PURPOSES)}.`;
  const startYear = r.int(2012, 2025);
  const startMonth = r.int(1, 12);
  const months = r.int(2, 30);
  const endTotal = startYear * 12 + startMonth - 1 + months;
  const ongoing = r.next() < 0.06 || endTotal > 2025 * 12 + 10;
  const endDate = ongoing ? null : isoDate(Math.floor(endTotal / 12), (endTotal % 12) + 1);
  const outcomes = r.sample(OUTCOMES, r.int(1, 4)).map((make) => make(r));
  const evidence = r.sample(EVIDENCE, r.int(1, 3)).map((make, i) => ({
    id: `ev-${String(index).padStart(4, '0')}-${i + 1}`,
    status: r.pick(STATUSES),
    ...make(r, slug, orgSlug),
  }));
  const labels = theme.labels
    .slice(0, r.int(1, theme.labels.length))
    .map((name) => ({ id: `lbl-${slugify(name)}`, name }));
  return {
    id,
    title,
    summary,
    role: r.pick(ROLES),
    organization: org,
    startDate: isoDate(startYear, startMonth),
    endDate,
    technologies,
    // What the app stores: normalised ids of the technologies plus skills found in the summary.
    skills: taxonomy.deriveSkills({ technologies, text: summary }),
    collaborators: r.sample(PEOPLE, r.int(0, 3)),
    outcomes,
    evidence,
    labels,
  };
}

/** `size` artifacts for the fixture's profile; the same (size, seed) always gives the same portfolio. */
export function generatePortfolio({ profile, size, seed, taxonomy }) {
  const r = createRandom(seed);
  const artifacts = [];
  for (let i = 1; i <= size; i += 1) artifacts.push(makeArtifact(r, i, taxonomy));
  return { profile, artifacts };
}
