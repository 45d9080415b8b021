// Deterministic text for the seeded portfolios: a few hundred artifact templates and a few dozen evidence URLs.
// The seed reuses them across users (a user's 100 artifacts are 100 distinct templates), which keeps seeding a
// set-based SQL job while every row still carries realistic lengths and vocabulary.

/** Small seeded PRNG (mulberry32) so two runs seed the same texts. */
export function createRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (rnd, list) => list[Math.floor(rnd() * list.length)];
function pickSome(rnd, list, min, max) {
  const n = min + Math.floor(rnd() * (max - min + 1));
  const pool = [...list];
  const out = [];
  while (out.length < n && pool.length) out.push(pool.splice(Math.floor(rnd() * pool.length), 1)[0]);
  return out;
}

const VERBS = [
  'Built',
  'Led the rebuild of',
  'Designed and shipped',
  'Migrated',
  'Scaled',
  'Rewrote',
  'Launched',
  'Hardened',
  'Automated',
  'Open-sourced',
];
const SYSTEMS = [
  'the billing pipeline',
  'the payments API',
  'a real-time fraud scoring service',
  'the search indexer',
  'the mobile checkout flow',
  'an internal feature-flag platform',
  'the recommendation service',
  'the CI/CD pipeline',
  'a customer analytics warehouse',
  'the identity and SSO gateway',
  'the notification fan-out service',
  'a document OCR pipeline',
  'the observability stack',
  'the pricing engine',
  'a multi-tenant admin console',
  'the GraphQL edge layer',
  'a demand forecasting model',
  'the data retention jobs',
  'the public status page',
  'an LLM-backed support assistant',
];
const CONTEXTS = [
  'onto Kubernetes',
  'to PostgreSQL',
  'for 40 markets',
  'with zero downtime',
  'on an event-driven core',
  'behind a typed API',
  'for the EU data residency launch',
  'as a company-wide platform',
  'in TypeScript',
  'on AWS Lambda',
  'with streaming ingestion',
  'under strict latency budgets',
];
const ROLES = [
  'Backend engineer',
  'Staff engineer',
  'Tech lead',
  'Senior software engineer',
  'ML engineer',
  'Platform engineer',
  'Engineering manager',
  'Full-stack developer',
  null,
];
const TECHS = [
  'TypeScript',
  'Node.js',
  'PostgreSQL',
  'Redis',
  'Kafka',
  'Kubernetes',
  'Docker',
  'Terraform',
  'AWS',
  'GCP',
  'Python',
  'Go',
  'Rust',
  'Java',
  'Kotlin',
  'React',
  'GraphQL',
  'gRPC',
  'Elasticsearch',
  'Airflow',
  'Spark',
  'dbt',
  'Snowflake',
  'PyTorch',
  'scikit-learn',
  'Prometheus',
  'Grafana',
  'OpenTelemetry',
  'Nginx',
  'RabbitMQ',
  'MongoDB',
  'Vue.js',
  'Next.js',
  'FastAPI',
  'Django',
  'Spring Boot',
  'GitHub Actions',
  'Helm',
  'Argo CD',
  'ClickHouse',
];
const SENTENCES = [
  (s, t) =>
    `Owned ${s} end to end, from the design review to on-call, working mostly in ${t[0]} and ${t[1] ?? t[0]}.`,
  (s) =>
    `The old setup could not keep up with peak traffic and paged the team several times a week; ${s} needed a clean split between reads and writes.`,
  (s, t) =>
    `Introduced contract tests and a staged rollout so that ${s} could change weekly without incidents, with ${t[t.length - 1]} doing the heavy lifting.`,
  () =>
    'Wrote the migration plan, ran the dual-write period and retired the legacy path after four weeks of shadow traffic.',
  () => 'Mentored two engineers through the project and documented the runbooks the support team now uses.',
  (s) =>
    `Profiling showed most of the time went to N+1 queries and JSON serialisation, so ${s} now batches reads and streams responses.`,
  () =>
    'Partnered with product and finance to define success metrics before writing any code, and reported them monthly.',
  () =>
    'Kept the public API backwards compatible throughout; clients migrated at their own pace behind a version header.',
];
const OUTCOMES = [
  (r) => `Cut p95 latency from ${300 + Math.floor(r() * 400)} ms to ${40 + Math.floor(r() * 80)} ms`,
  (r) => `Reduced infrastructure cost by ${12 + Math.floor(r() * 40)}% per month`,
  (r) => `Raised conversion by ${1 + Math.floor(r() * 9)}.${Math.floor(r() * 10)} percentage points`,
  (r) => `Handled ${2 + Math.floor(r() * 30)}x the previous peak load without new hardware`,
  (r) => `Brought deploy time from ${20 + Math.floor(r() * 40)} minutes to under ${2 + Math.floor(r() * 6)}`,
  (r) => `Eliminated ${60 + Math.floor(r() * 39)}% of on-call pages`,
  (r) => `Served ${1 + Math.floor(r() * 20)} million requests a day at 99.95% availability`,
];
const PEOPLE = [
  'Ana Souza',
  'Kenji Watanabe',
  'Priya Raman',
  'Lukas Becker',
  'Amara Okafor',
  'Sofia Rossi',
  'Mateo García',
  'Chen Wei',
  'Fatima Zahra',
  'Olivia Smith',
];

/**
 * Artifact templates: fields as the API would store them. `skills` and `searchText` are left for the caller
 * to derive with the API's own functions, so seeded rows look exactly like API-created ones.
 */
export function buildTemplates(count = 400, seed = 42) {
  const rnd = createRandom(seed);
  const out = [];
  for (let i = 0; i < count; i++) {
    const system = pick(rnd, SYSTEMS);
    const technologies = pickSome(rnd, TECHS, 3, 6);
    const title = `${pick(rnd, VERBS)} ${system} ${pick(rnd, CONTEXTS)}`;
    const summary = pickSome(rnd, SENTENCES, 3, 4)
      .map((f) => f(system, technologies))
      .join(' ');
    out.push({
      title: title.charAt(0).toUpperCase() + title.slice(1),
      summary,
      role: pick(rnd, ROLES),
      technologies,
      collaborators: pickSome(rnd, PEOPLE, 0, 3),
      outcomes: pickSome(rnd, OUTCOMES, 1, 3).map((f) => f(rnd)),
    });
  }
  return out;
}

/** Distinct evidence URLs with the kind, title and check result a validator would have recorded. */
export function buildEvidenceUrls(count = 64, seed = 7) {
  const rnd = createRandom(seed);
  const orgs = [
    'acme-labs',
    'northwind',
    'globex-eng',
    'initech',
    'umbrella-oss',
    'hooli',
    'stark-industries',
    'wayne-tech',
  ];
  const repos = [
    'billing-service',
    'payments-api',
    'search-indexer',
    'feature-flags',
    'observability',
    'pricing-engine',
    'edge-gateway',
    'forecasting',
  ];
  const out = [];
  for (let i = 0; i < count; i++) {
    const org = orgs[i % orgs.length];
    const repo = repos[Math.floor(i / orgs.length) % repos.length];
    const variant = i % 6;
    let url;
    let kind;
    let title;
    if (variant === 0) [url, kind, title] = [`https://github.com/${org}/${repo}`, 'repo', `${org}/${repo}`];
    else if (variant === 1) {
      const n = 100 + Math.floor(rnd() * 9000);
      [url, kind, title] = [
        `https://github.com/${org}/${repo}/pull/${n}`,
        'pull-request',
        `Pull request #${n}`,
      ];
    } else if (variant === 2) [url, kind, title] = [`https://${repo}.${org}.dev/`, 'site', 'Live site'];
    else if (variant === 3) {
      const n = 3_500_000 + Math.floor(rnd() * 99_999);
      [url, kind, title] = [
        `https://doi.org/10.1145/${n}.${Math.floor(rnd() * 9999)}`,
        'doi',
        'Conference paper',
      ];
    } else if (variant === 4) {
      [url, kind, title] = [
        `https://engineering.${org}.com/blog/how-we-rebuilt-${repo}`,
        'article',
        'Engineering blog post',
      ];
    } else
      [url, kind, title] = [
        `https://www.youtube.com/watch?v=${Math.floor(rnd() * 1e11).toString(36)}`,
        'video',
        null,
      ];
    // Check results as the evidence validator leaves them: mostly valid, some unchecked, redirected, broken.
    const r = rnd();
    let check;
    if (r < 0.6) check = { status: 'valid', httpStatus: 200 };
    else if (r < 0.8) check = { status: 'unchecked', httpStatus: null };
    else if (r < 0.88)
      check = { status: 'redirected', httpStatus: 301, finalUrl: url.replace('https://', 'https://www.') };
    else if (r < 0.95) check = { status: 'broken', httpStatus: 404, failures: 1 + Math.floor(rnd() * 3) };
    else check = { status: 'unverifiable', httpStatus: 403 };
    out.push({ url, kind, title, ...check });
  }
  return out;
}

// Label names and colours; a user gets three consecutive ones (by user number) out of these nine.
const LABELS = [
  'Backend',
  'ML platform',
  'Frontend',
  'Data engineering',
  'Developer tooling',
  'Leadership',
  'Infrastructure',
  'Security',
  'Mobile',
];
const COLOURS = [
  '#4f46e5',
  '#0891b2',
  '#16a34a',
  '#ca8a04',
  '#dc2626',
  '#9333ea',
  '#db2777',
  '#475569',
  '#ea580c',
];
export const LABEL_CATALOGUE = LABELS.map((name, i) => ({ name, colour: COLOURS[i] }));
