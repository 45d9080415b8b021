// The compiled API pieces the benchmark reuses, so seeded rows and tokens are exactly what the API itself
// writes and accepts. Required: embedded PostgreSQL, URL cipher, token signer. The others fall back to a
// plain equivalent (and say so) when the build does not provide them.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// BENCH_API_DIST points at another build of packages/api (e.g. one compiled elsewhere for a comparison).
export const API_DIST = process.env.BENCH_API_DIST
  ? path.resolve(process.env.BENCH_API_DIST)
  : path.join(ROOT, 'packages/api/dist');
export const API_MAIN = path.join(API_DIST, 'cli/main.js');

const load = (rel) => import(pathToFileURL(path.join(API_DIST, rel)).href);

export function assertBuilt() {
  const needed = [
    'cli/main.js',
    'runtime/start-embedded-postgres.js',
    'crypto/url-cipher.js',
    'crypto/tokens.js',
  ];
  const missing = needed.filter((rel) => !existsSync(path.join(API_DIST, rel)));
  if (missing.length) {
    throw new Error(
      `packages/api is not built (missing dist/${missing.join(', dist/')}); run \`npm run build\` first`,
    );
  }
}

/** The V8 flags the API is run with (`npm start`, the Docker image); none for a build older than that list. */
export async function loadNodeFlags() {
  const file = path.join(API_DIST, 'runtime/node-flags.js');
  return existsSync(file) ? (await import(pathToFileURL(file).href)).NODE_FLAGS : [];
}

/** Loads the modules; `encryptionKey` is the 32-byte key the API will be started with. */
export async function loadApiModules(encryptionKey) {
  assertBuilt();
  const { startEmbeddedPostgres } = await load('runtime/start-embedded-postgres.js');
  const { createUrlCipher } = await load('crypto/url-cipher.js');
  const { createTokenSigner } = await load('crypto/tokens.js');
  const cipher = createUrlCipher(encryptionKey);
  const fallbacks = [];

  let deriveSkills;
  let buildSearchText;
  try {
    const derive = await load('commands/derive-artifact-skills.js');
    const core = await import('@dossier/core');
    const taxonomy = core.getDefaultTaxonomy();
    deriveSkills = (a) => derive.deriveArtifactSkills(taxonomy, a);
    buildSearchText = derive.buildSearchText;
  } catch (err) {
    fallbacks.push(`skills/search text (${err.message.split('\n')[0]})`);
    deriveSkills = (a) => a.technologies.map((t) => `x:${t.toLowerCase().replace(/\s+/g, ' ').trim()}`);
    buildSearchText = (a) =>
      [
        a.title,
        a.role ?? '',
        a.summary,
        a.technologies.join(' '),
        a.outcomes.join(' '),
        a.collaborators.join(' '),
      ]
        .filter(Boolean)
        .join('\n');
  }

  let taxonomy;
  let syncSkills;
  try {
    taxonomy = (await import('@dossier/core')).getDefaultTaxonomy();
    syncSkills = (await load('commands/sync-skills.js')).syncSkills;
  } catch {
    syncSkills = undefined;
  }

  let prepareEvidence;
  try {
    const mod = await load('commands/prepare-evidence.js');
    prepareEvidence = (url, kind, title) => mod.prepareEvidence(cipher, { url, kind, title }, 'url');
  } catch (err) {
    fallbacks.push(`evidence preparation (${err.message.split('\n')[0]})`);
    prepareEvidence = (url, kind, title) => ({
      urlEncrypted: cipher.encrypt(url),
      urlHash: cipher.hash(url),
      kind,
      title: title ?? null,
    });
  }

  let hashPassword;
  try {
    hashPassword = (await load('crypto/passwords.js')).hashPassword;
  } catch (err) {
    fallbacks.push(`password hash (${err.message.split('\n')[0]})`);
    hashPassword = async () =>
      'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
  }

  let queryArtifacts;
  try {
    queryArtifacts = (await load('commands/query-artifacts.js')).queryArtifacts;
  } catch {
    queryArtifacts = undefined;
  }

  return {
    startEmbeddedPostgres,
    cipher,
    createTokenSigner,
    deriveSkills,
    buildSearchText,
    prepareEvidence,
    hashPassword,
    queryArtifacts,
    syncSkills,
    taxonomy,
    fallbacks,
  };
}
