// Set-based seeding: small staging tables (users, labels, templates, URLs, artifact ids) and then a handful of
// INSERT … SELECT statements that PostgreSQL runs on two connections at once. Nothing row-by-row crosses the
// wire, so 1 M artifacts and 2 M evidence links take tens of seconds rather than hours.
import pg from 'pg';
import { buildEvidenceUrls, buildTemplates, LABEL_CATALOGUE } from './corpus.mjs';

const TEMPLATE_COUNT = 400; // coprime with 37, so a user's first 400 artifacts use distinct templates
const URL_COUNT = 64;
// Every link's next check is spread over the coming re-check interval (the server's default, 30 days), as on a
// server that has long since checked them all. Links due now would have the scheduler re-claim, at its first
// tick, every row that shares one of the 64 seeded ciphertexts (31,000 each), a rewrite of the whole table
// during the measurement that only this seed's URL reuse causes.
const RECHECK_DAYS = 30;
const EXTRA_LABEL_CHANCE = 0.05; // besides one label by rotation, so a label holds ~35% of a user's artifacts

/** Runs jobs `{ name, deps, run }` with at most `n` in flight, each once all its deps are done, in list order. */
async function runGraph(n, jobs) {
  const done = new Set();
  const pending = [...jobs];
  let failed;
  await new Promise((resolve, reject) => {
    let running = 0;
    const next = () => {
      if (failed) return;
      if (!pending.length && !running) return resolve();
      while (running < n) {
        const i = pending.findIndex((j) => j.deps.every((d) => done.has(d)));
        if (i < 0) break;
        const job = pending.splice(i, 1)[0];
        running++;
        job.run().then(
          () => {
            running--;
            done.add(job.name);
            next();
          },
          (err) => {
            failed = err;
            reject(err);
          },
        );
      }
      if (!running && pending.length)
        reject(new Error(`unsatisfiable dependencies: ${pending.map((j) => j.name)}`));
    };
    next();
  });
}

/** Runs async jobs with at most `n` in flight. */
async function runPool(n, jobs) {
  const queue = [...jobs];
  const workers = Array.from({ length: Math.min(n, queue.length) }, async () => {
    while (queue.length) await queue.shift()();
  });
  await Promise.all(workers);
}

/**
 * Seeds `users` users with 3 labels each and `perUser` artifacts each (2 evidence links per artifact, label
 * attachments, skills and search text computed by the API's own functions when the build provides them).
 * Returns timings and row counts.
 */
export async function seedDatabase({ databaseUrl, users, perUser, api, jobs = 2, log = () => {} }) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: jobs + 1 });
  // An idle connection dropped by a stopping server must not crash the process before cleanup runs.
  pool.on('error', () => {});
  const timings = {};
  const t0 = performance.now();
  const mark = (name, since) => {
    timings[name] = Math.round(performance.now() - since);
    return performance.now();
  };
  try {
    const { rows: su } = await pool.query('select rolsuper from pg_roles where rolname = current_user');
    // As superuser the seed skips per-row foreign-key triggers (session_replication_role = replica) and checks
    // referential integrity afterwards with one anti-join per constraint instead.
    const replica = su[0]?.rolsuper === true;

    // Templates and URLs, prepared in JS with the API's own derivation and encryption.
    let t = performance.now();
    const templates = buildTemplates(TEMPLATE_COUNT).map((tpl, i) => ({
      i,
      ...tpl,
      skills: api.deriveSkills(tpl),
      searchText: api.buildSearchText(tpl),
    }));
    const urls = buildEvidenceUrls(URL_COUNT).map((u, i) => {
      const prepared = api.prepareEvidence(u.url, u.kind, u.title);
      return {
        i,
        urlEncrypted: prepared.urlEncrypted,
        urlHash: prepared.urlHash,
        kind: prepared.kind,
        title: prepared.title,
        status: u.status,
        httpStatus: u.httpStatus,
        finalUrlEncrypted: u.finalUrl ? api.cipher.encrypt(u.finalUrl) : null,
        failures: u.failures ?? 0,
      };
    });
    const passwordHash = await api.hashPassword('bench-password-not-used');

    await pool.query(`
      drop table if exists bench_templates, bench_urls, bench_users, bench_labels, bench_art;
      create unlogged table bench_templates (i int primary key, title text, summary text, role text,
        technologies text[], skills text[], collaborators text[], outcomes text[], search_text text);
      create unlogged table bench_urls (i int primary key, url_encrypted text, url_hash text, title text, kind text,
        status text, http_status int, final_url_encrypted text, failures int);
      create unlogged table bench_users (n int primary key, id uuid not null);
      create unlogged table bench_labels (n int not null, k int not null, id uuid not null, primary key (n, k));`);
    const arr = (key) => `array(select jsonb_array_elements_text(x->'${key}'))`;
    await pool.query(
      `insert into bench_templates select (x->>'i')::int, x->>'title', x->>'summary', x->>'role',
         ${arr('technologies')}, ${arr('skills')}, ${arr('collaborators')}, ${arr('outcomes')}, x->>'searchText'
       from jsonb_array_elements($1::jsonb) x`,
      [JSON.stringify(templates)],
    );
    await pool.query(
      `insert into bench_urls select (x->>'i')::int, x->>'urlEncrypted', x->>'urlHash', x->>'title', x->>'kind',
         x->>'status', (x->>'httpStatus')::int, x->>'finalUrlEncrypted', (x->>'failures')::int
       from jsonb_array_elements($1::jsonb) x`,
      [JSON.stringify(urls)],
    );
    t = mark('prepare', t);

    // Users and labels.
    await pool.query(
      'insert into bench_users select n, gen_random_uuid() from generate_series(0, $1::int - 1) n',
      [users],
    );
    await pool.query(
      `insert into users (id, email, name, password_hash, role, created_at, updated_at)
       select id, 'bench-user-' || n || '@example.test', 'Bench User ' || n, $1, 'user',
         now() - interval '400 days', now() - interval '400 days'
       from bench_users order by n`,
      [passwordHash],
    );
    await pool.query(
      'insert into bench_labels select u.n, k, gen_random_uuid() from bench_users u cross join generate_series(0, 2) k',
    );
    await pool.query(
      `insert into labels (id, owner_id, name, name_key, description, colour, skill_focus, created_at, updated_at)
       select l.id, u.id, ($1::text[])[1 + (l.n * 3 + l.k) % $3::int], lower(($1::text[])[1 + (l.n * 3 + l.k) % $3::int]),
         null, ($2::text[])[1 + (l.n * 3 + l.k) % $3::int], '{}', now() - interval '390 days', now() - interval '390 days'
       from bench_labels l join bench_users u on u.n = l.n order by l.n, l.k`,
      [LABEL_CATALOGUE.map((l) => l.name), LABEL_CATALOGUE.map((l) => l.colour), LABEL_CATALOGUE.length],
    );
    // One row per artifact to be: its number within the user, owner, id, template, dates. Generated with the
    // artifact number as the outer loop, so a user's artifacts are spread over the heap as they would be after
    // years of interleaved writes by many users (not packed into a few pages).
    await pool.query(
      `create unlogged table bench_art as
       select a, n, owner_id, id, tpl, start_date,
         case when random() < 0.2 then null else start_date + (30 + floor(random() * 900))::int end as end_date,
         created_at
       from (select a, u.n, u.id as owner_id, gen_random_uuid() as id, (a * 37 + u.n * 11) % ${TEMPLATE_COUNT} as tpl,
           date '2010-01-01' + floor(random() * 5800)::int as start_date,
           now() - make_interval(secs => floor(random() * 380 * 86400)) as created_at
         from generate_series(0, $1::int - 1) a cross join bench_users u
         order by a, u.n) s`,
      [perUser],
    );
    t = mark('usersLabelsStaging', t);

    // Bulk-load practice: drop the secondary indexes of the three big tables (and the primary keys and unique
    // constraints no foreign key depends on), load, then build each index once, in bulk, with the exact
    // definition the migration created. The rebuilt set is compared with the original below.
    const BIG = ['artifacts', 'evidence_links', 'artifact_labels'];
    // The read model's triggers would rebuild cards statement by statement; the load writes the label links'
    // start dates itself and builds every card once at the end (replica mode skips these triggers too; this
    // also covers a seed that does not run as superuser).
    const TRIGGERED = ['artifacts', 'evidence_links', 'artifact_labels', 'labels'];
    for (const tbl of TRIGGERED) await pool.query(`alter table "${tbl}" disable trigger user`);
    const { rows: originalIndexes } = await pool.query(
      `select tablename, indexname, indexdef from pg_indexes
       where schemaname = current_schema() and tablename = any($1::text[]) order by indexname`,
      [BIG],
    );
    const { rows: constraints } = await pool.query(
      `select c.conname, c.conrelid::regclass::text as tablename, pg_get_constraintdef(c.oid) as def
       from pg_constraint c
       where c.contype in ('p', 'u') and c.conrelid::regclass::text = any($1::text[])
         and not exists (select 1 from pg_constraint f where f.contype = 'f' and f.conindid = c.conindid)`,
      [BIG],
    );
    const constraintNames = new Set(
      (
        await pool.query(
          `select conname from pg_constraint where conrelid::regclass::text = any($1::text[])`,
          [BIG],
        )
      ).rows.map((r) => r.conname),
    );
    const plainIndexes = originalIndexes.filter((ix) => !constraintNames.has(ix.indexname));
    for (const c of constraints)
      await pool.query(`alter table "${c.tablename}" drop constraint "${c.conname}"`);
    for (const ix of plainIndexes) await pool.query(`drop index "${ix.indexname}"`);
    const rebuilds = [
      ...plainIndexes.map((ix) => ({ name: ix.indexname, table: ix.tablename, sql: ix.indexdef })),
      ...constraints.map((c) => ({
        name: c.conname,
        table: c.tablename,
        sql: `alter table "${c.tablename}" add constraint "${c.conname}" ${c.def}`,
      })),
    ];
    t = mark('dropIndexes', t);

    // The load as a small dependency graph on `jobs` connections: artifacts first; then the full-text GIN index
    // (by far the longest build) runs on one connection while the other loads evidence and label links and
    // builds the remaining indexes.
    const chunks = Math.max(2, jobs * 2);
    const ranges = Array.from({ length: chunks }, (_, c) => [
      Math.floor((c * perUser) / chunks),
      Math.floor(((c + 1) * perUser) / chunks) - 1,
    ]).filter(([lo, hi]) => hi >= lo);
    const statementMs = {};
    const onConn = async (name, sql, params, settings = []) => {
      const client = await pool.connect();
      const started = performance.now();
      try {
        if (replica) await client.query("set session_replication_role = 'replica'");
        for (const x of settings) await client.query(x);
        await client.query(sql, params);
      } finally {
        statementMs[name] = (statementMs[name] ?? 0) + Math.round(performance.now() - started);
        if (replica) await client.query("set session_replication_role = 'origin'").catch(() => {});
        for (const x of settings) await client.query(`reset ${x.split(/\s+/)[1]}`).catch(() => {});
        client.release();
      }
    };
    const graph = [];
    ranges.forEach(([lo, hi], i) => {
      graph.push({
        name: `artifacts#${i}`,
        deps: [],
        run: () =>
          onConn(
            'insert artifacts',
            `insert into artifacts (id, owner_id, title, summary, role, start_date, end_date, technologies, skills,
               collaborators, outcomes, visibility, search_text, created_at, updated_at)
             select b.id, b.owner_id, t.title, t.summary, t.role, b.start_date, b.end_date, t.technologies, t.skills,
               t.collaborators, t.outcomes, case when (b.a + b.n) % 10 = 0 then 'public' else 'private' end,
               t.search_text, b.created_at, b.created_at + make_interval(secs => floor(random() * 30 * 86400))
             from bench_art b join bench_templates t on t.i = b.tpl
             where b.a between $1 and $2`,
            [lo, hi],
          ),
      });
    });
    const artifactJobs = graph.map((j) => j.name);
    // The full-text index first: it takes as long as everything else together, so it alone gets a parallel
    // worker (PostgreSQL 18 builds GIN indexes in parallel) to use the core the other connection leaves idle.
    const isSlow = (r) => /to_tsvector/.test(r.sql);
    const indexJob = (r) => ({
      name: `index ${r.name}`,
      table: r.table,
      run: () =>
        onConn(`index ${r.name}`, r.sql, [], [`set max_parallel_maintenance_workers = ${isSlow(r) ? 1 : 0}`]),
    });
    for (const r of rebuilds.filter(isSlow)) graph.push({ ...indexJob(r), deps: artifactJobs });
    const evidenceJobs = ranges.map((_, i) => `evidence#${i}`);
    ranges.forEach(([lo, hi], i) => {
      graph.push({
        name: evidenceJobs[i],
        // Without replica mode the foreign-key triggers need the artifacts in place first.
        deps: replica ? [] : artifactJobs,
        run: () =>
          onConn(
            'insert evidence_links',
            `insert into evidence_links (id, artifact_id, owner_id, url_encrypted, url_hash, title, kind, status,
               http_status, final_url_encrypted, last_checked_at, consecutive_failures, history, next_check_at,
               created_at, updated_at)
             select gen_random_uuid(), b.id, b.owner_id, u.url_encrypted, u.url_hash, u.title, u.kind, u.status,
               u.http_status, u.final_url_encrypted, c.checked_at, u.failures,
               case when c.checked_at is null then '[]'::jsonb else jsonb_build_array(jsonb_build_object(
                 'at', c.checked_at, 'status', u.status, 'httpStatus', u.http_status, 'reason', null)) end,
               now() + interval '1 hour' + make_interval(secs => floor(random() * ${RECHECK_DAYS} * 86400)),
               b.created_at + make_interval(secs => j), coalesce(c.checked_at, b.created_at + make_interval(secs => j))
             from bench_art b
             cross join generate_series(0, 1) j
             join bench_urls u on u.i = case when j = 0 then (b.n * 7 + b.a * 13) % ${URL_COUNT}
               else ((b.n * 7 + b.a * 13) % ${URL_COUNT} + 1 + b.a % ${URL_COUNT - 1}) % ${URL_COUNT} end
             cross join lateral (select case when u.status = 'unchecked' then null
               else now() - make_interval(secs => floor(random() * 7 * 86400) + j) end as checked_at) c
             where b.a between $1 and $2`,
            [lo, hi],
          ),
      });
    });
    graph.push({
      name: 'artifact_labels',
      deps: replica ? [] : artifactJobs,
      run: () =>
        onConn(
          'insert artifact_labels',
          `insert into artifact_labels (artifact_id, label_id, start_date)
           select b.id, l.id, b.start_date from bench_art b join bench_labels l on l.n = b.n
           where b.a % 3 = l.k or random() < ${EXTRA_LABEL_CHANCE}`,
        ),
    });
    const loadOf = {
      artifacts: artifactJobs,
      evidence_links: evidenceJobs,
      artifact_labels: ['artifact_labels'],
    };
    for (const r of rebuilds.filter((x) => !isSlow(x)))
      graph.push({ ...indexJob(r), deps: loadOf[r.table] ?? [] });
    await runGraph(jobs, graph);
    timings.statementMs = statementMs;

    const { rows: finalIndexes } = await pool.query(
      `select tablename, indexname, indexdef from pg_indexes
       where schemaname = current_schema() and tablename = any($1::text[]) order by indexname`,
      [BIG],
    );
    if (JSON.stringify(finalIndexes) !== JSON.stringify(originalIndexes)) {
      throw new Error('the rebuilt indexes differ from the migrated schema');
    }
    t = mark('loadAndIndex', t);

    if (replica) {
      // What the skipped triggers would have checked, as one anti-join per foreign key.
      const checks = [
        [
          'labels.owner_id',
          'select count(*) from labels x left join users u on u.id = x.owner_id where u.id is null',
        ],
        [
          'artifacts.owner_id',
          'select count(*) from artifacts x left join users u on u.id = x.owner_id where u.id is null',
        ],
        [
          'evidence_links.artifact_id',
          'select count(*) from evidence_links x left join artifacts a on a.id = x.artifact_id where a.id is null',
        ],
        [
          'evidence_links.owner_id',
          'select count(*) from evidence_links x left join users u on u.id = x.owner_id where u.id is null',
        ],
        [
          'artifact_labels.artifact_id',
          'select count(*) from artifact_labels x left join artifacts a on a.id = x.artifact_id where a.id is null',
        ],
        [
          'artifact_labels.label_id',
          'select count(*) from artifact_labels x left join labels l on l.id = x.label_id where l.id is null',
        ],
      ];
      const bad = [];
      await runPool(
        jobs,
        checks.map(([name, sql]) => async () => {
          const { rows } = await pool.query(sql);
          if (Number(rows[0].count) !== 0) bad.push(`${name}: ${rows[0].count} orphans`);
        }),
      );
      if (bad.length) throw new Error(`seeded data breaks foreign keys: ${bad.join('; ')}`);
      t = mark('foreignKeyCheck', t);
    }

    for (const tbl of TRIGGERED) await pool.query(`alter table "${tbl}" enable trigger user`);
    // VACUUM sets hint bits and the visibility map as autovacuum would have long since done on a live database,
    // and doing it now keeps autovacuum from waking up on these tables in the middle of the measurement.
    await runPool(
      jobs,
      ['artifacts', 'evidence_links', 'artifact_labels', 'labels', 'users'].map(
        (tbl) => () => pool.query(`vacuum (analyze) ${tbl}`),
      ),
    );
    t = mark('vacuumAnalyze', t);

    // The read model, from the vacuumed and analysed tables (hint bits set, statistics in place, every index
    // built), so each card's look-ups of its evidence and labels are plain index reads: one `artifact_cards_source`
    // range per connection, the cards' two indexes after the load.
    {
      const { rows: cardIndexes } = await pool.query(
        `select indexname, indexdef from pg_indexes
         where schemaname = current_schema() and tablename = 'artifact_cards' order by indexname`,
      );
      await pool.query('alter table artifact_cards drop constraint artifact_cards_pkey');
      for (const ix of cardIndexes.filter((x) => x.indexname !== 'artifact_cards_pkey'))
        await pool.query(`drop index "${ix.indexname}"`);
      await runPool(
        jobs,
        ranges.map(
          ([lo, hi]) =>
            () =>
              onConn(
                'insert artifact_cards',
                `insert into artifact_cards (artifact_id, owner_id, start_date, card)
                 select v.artifact_id, v.owner_id, v.start_date, v.card
                 from bench_art b join artifact_cards_source v on v.artifact_id = b.id
                 where b.a between $1 and $2`,
                [lo, hi],
              ),
        ),
      );
      await runPool(
        jobs,
        cardIndexes.map(
          (ix) => () =>
            onConn(
              `index ${ix.indexname}`,
              ix.indexname === 'artifact_cards_pkey'
                ? 'alter table artifact_cards add constraint artifact_cards_pkey primary key (artifact_id)'
                : ix.indexdef,
            ),
        ),
      );
      const { rows: rebuilt } = await pool.query(
        `select indexname, indexdef from pg_indexes
         where schemaname = current_schema() and tablename = 'artifact_cards' order by indexname`,
      );
      if (JSON.stringify(rebuilt) !== JSON.stringify(cardIndexes)) {
        throw new Error('the rebuilt artifact_cards indexes differ from the migrated schema');
      }
      await pool.query('vacuum (analyze) artifact_cards');
      t = mark('cards', t);
    }
    await pool.query('drop table bench_templates, bench_urls, bench_users, bench_labels, bench_art');
    await pool.query('checkpoint');
    timings.total = Math.round(performance.now() - t0);

    const counts = {};
    for (const tbl of [
      'users',
      'labels',
      'artifacts',
      'evidence_links',
      'artifact_labels',
      'artifact_cards',
    ]) {
      const { rows } = await pool.query(`select count(*)::int as n from ${tbl}`);
      counts[tbl] = rows[0].n;
    }
    const { rows: sizes } = await pool.query(
      `select pg_size_pretty(pg_database_size(current_database())) as db,
         pg_size_pretty(pg_total_relation_size('artifacts')) as artifacts,
         pg_size_pretty(pg_total_relation_size('evidence_links')) as evidence_links`,
    );
    log(
      `seeded ${JSON.stringify(counts)} in ${(timings.total / 1000).toFixed(1)} s; sizes ${JSON.stringify(sizes[0])}`,
    );
    return { timings, counts, sizes: sizes[0], replicaMode: replica };
  } finally {
    await pool.end();
  }
}
