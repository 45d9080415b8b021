import { fileURLToPath } from 'node:url';
import { parseAllowListEntry } from '@dossier/core';
import { z } from 'zod';

/** Feature flags; a disabled feature answers 404 FEATURE_DISABLED and disappears from the web app. */
export const FEATURE_NAMES = [
  'artifactUpload',
  'cvGeneration',
  'coverLetter',
  'exportPdf',
  'exportDocx',
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];

const booleanish = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const ZEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('localhost'),
  DATABASE_URL: z.string().url().optional(),
  REDIS_URL: z.string().url().optional(),
  DOSSIER_DATA_DIR: z.string().min(1).default('./.dossier'),
  DOSSIER_EMBEDDED_PG_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  DOSSIER_ENCRYPTION_KEY: z.string().optional(),
  DOSSIER_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  DOSSIER_JWT_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(24 * 3600),
  DOSSIER_REFRESH_TTL_DAYS: z.coerce.number().int().positive().default(30),
  DOSSIER_SESSION_SYNC_MS: z.coerce.number().int().min(100).max(60_000).default(2000),
  DOSSIER_RATE_LIMIT_PER_HOUR: z.coerce.number().int().positive().default(100),
  DOSSIER_LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  DOSSIER_LOGIN_WINDOW_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(15 * 60),
  DOSSIER_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  DOSSIER_CORS_ORIGINS: z.string().default(''),
  DOSSIER_FEATURES: z.string().default(''),
  DOSSIER_WEB_DIST: z.string().optional(),
  DOSSIER_DB_POOL_MAX: z.coerce.number().int().positive().default(10),
  DOSSIER_TRUST_PROXY: booleanish.default(false),
  DOSSIER_LLM_PROVIDER: z.enum(['openai', 'anthropic', 'openai-compatible']).optional(),
  DOSSIER_LLM_MODEL: z.string().min(1).optional(),
  DOSSIER_LLM_BASE_URL: z.string().url().optional(),
  DOSSIER_LLM_API_KEY: z.string().min(1).optional(),
  OPENAI_API_KEY: z.string().min(1).optional(),
  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  DOSSIER_LLM_BUDGET_TOKENS: z.coerce.number().int().positive().default(8000),
  DOSSIER_PIPELINE_CONFIG: z.string().min(1).optional(),
  DOSSIER_GENERATIONS_PER_HOUR: z.coerce.number().int().positive().default(10),
  DOSSIER_WORKER_WARMUP_RUNS: z.coerce.number().int().min(0).max(1000).default(16),
  DOSSIER_LLM_DAILY_TOKENS: z.coerce.number().int().positive().default(200_000),
  DOSSIER_DOCUMENT_RETENTION_DAYS: z.coerce.number().int().positive().default(90),
  DOSSIER_TRASH_DAYS: z.coerce.number().int().positive().max(3650).default(30),
  DOSSIER_OUTBOUND_ALLOWLIST: z.string().default(''),
  DOSSIER_GOLDEN_DIR: z.string().min(1).optional(),
  DOSSIER_EVIDENCE_RECHECK_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  DOSSIER_EVIDENCE_HOST_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(2),
  DOSSIER_EVIDENCE_HOST_INTERVAL_MS: z.coerce.number().int().min(0).max(60_000).default(500),
  DOSSIER_EVIDENCE_CHECKS_PER_MINUTE: z.coerce.number().int().positive().default(10),
  DOSSIER_EVIDENCE_SCHEDULER: booleanish.default(true),
  DOSSIER_ARCHIVE_ENDPOINT: z.string().url().default('https://web.archive.org/web/'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  dataDir: string;
  embeddedPgPort: number;
  /** 32-byte key for AES-256-GCM; undefined means "use or create the key file in dataDir" (embedded only). */
  encryptionKey: Buffer | undefined;
  jwtSecret: string | undefined;
  jwtTtlSeconds: number;
  refreshTtlDays: number;
  /** How often an API process reads the sessions other processes have ended (at most; only under traffic). */
  sessionSyncMs: number;
  rateLimitPerHour: number;
  loginMaxFailures: number;
  loginWindowSeconds: number;
  bodyLimitBytes: number;
  corsOrigins: string[];
  features: Record<FeatureName, boolean>;
  webDist: string | undefined;
  dbPoolMax: number;
  trustProxy: boolean;
  logLevel: string;
  /** The language model, when one is configured; without it generation uses the template generators. */
  llm:
    | { type: 'openai' | 'anthropic' | 'openai-compatible'; model: string; baseUrl?: string; apiKey?: string }
    | undefined;
  llmBudgetTokens: number;
  /** A `dossier.config.json` for the tailoring pipeline; built-in defaults otherwise. */
  pipelineConfigPath: string | undefined;
  /** Hosts or CIDRs outbound fetches may reach even though they are private (e.g. an intranet, a test server). */
  outboundAllowList: string[];
  /** New generations a user may request per hour (a reused result does not count). */
  generationsPerHour: number;
  /** Template pipeline runs on the fixture portfolio a `dossier worker` makes before taking jobs (0: none). */
  workerWarmupRuns: number;
  /** LLM tokens a user may spend per UTC day, over all generations. */
  llmDailyTokens: number;
  /** Days an unsaved generated document is kept. */
  documentRetentionDays: number;
  /** How long a deleted artifact stays in the trash, restorable, before it is deleted for good. */
  trashDays: number;
  /** The golden datasets evaluation runs score the pipeline against (`<repo>/golden` by default). */
  goldenDir: string;
  evidence: EvidenceConfig;
}

/** Link checking in the service (see the README's "Evidence checking"). */
export interface EvidenceConfig {
  /** Days between scheduled checks of one URL. */
  recheckDays: number;
  /** Requests in flight to one host at a time, over all workers. */
  hostConcurrency: number;
  /** Milliseconds between the starts of two requests to one host, over all workers. */
  hostIntervalMs: number;
  /** "Check now" requests a user may make per minute. */
  checksPerMinute: number;
  /** Whether `serve` and `worker` processes take part in electing the scheduler leader. */
  scheduler: boolean;
  /** Prefix of the archive suggestion for a broken link (the URL is appended); never fetched by Dossier. */
  archiveEndpoint: string;
}

/** `<repo>/golden`, the same from sources (`src/config`) and from the build (`dist/config`). */
export const DEFAULT_GOLDEN_DIR = fileURLToPath(new URL('../../../../golden', import.meta.url));

const DEFAULT_MODELS = { openai: 'gpt-4o-mini', anthropic: 'claude-3-5-haiku-latest' } as const;

/** Picks the LLM from explicit settings, else from whichever provider key is present. */
function resolveLlm(e: z.infer<typeof ZEnv>): AppConfig['llm'] {
  const type =
    e.DOSSIER_LLM_PROVIDER ??
    (e.DOSSIER_LLM_BASE_URL
      ? 'openai-compatible'
      : e.OPENAI_API_KEY
        ? 'openai'
        : e.ANTHROPIC_API_KEY
          ? 'anthropic'
          : undefined);
  if (!type) return undefined;
  const apiKey =
    e.DOSSIER_LLM_API_KEY ??
    (type === 'anthropic' ? e.ANTHROPIC_API_KEY : type === 'openai' ? e.OPENAI_API_KEY : undefined);
  if (type === 'openai-compatible') {
    if (!e.DOSSIER_LLM_BASE_URL)
      throw new ConfigError('DOSSIER_LLM_BASE_URL is required for an openai-compatible LLM');
    if (!e.DOSSIER_LLM_MODEL)
      throw new ConfigError('DOSSIER_LLM_MODEL is required for an openai-compatible LLM');
  } else if (!apiKey) {
    throw new ConfigError(
      `DOSSIER_LLM_PROVIDER=${type} needs ${type === 'openai' ? 'OPENAI_API_KEY' : 'ANTHROPIC_API_KEY'} or DOSSIER_LLM_API_KEY`,
    );
  }
  return {
    type,
    model: e.DOSSIER_LLM_MODEL ?? DEFAULT_MODELS[type as keyof typeof DEFAULT_MODELS],
    ...(e.DOSSIER_LLM_BASE_URL ? { baseUrl: e.DOSSIER_LLM_BASE_URL } : {}),
    ...(apiKey ? { apiKey } : {}),
  };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Decodes a 32-byte key given as 64 hex characters or base64. */
export function decodeKey(value: string, variable: string): Buffer {
  const trimmed = value.trim();
  const buf = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (buf.length !== 32) {
    throw new ConfigError(
      `${variable} must be 32 bytes, as 64 hex characters or base64 (got ${buf.length} bytes)`,
    );
  }
  return buf;
}

function parseFeatures(spec: string): Record<FeatureName, boolean> {
  const features = Object.fromEntries(FEATURE_NAMES.map((f) => [f, true])) as Record<FeatureName, boolean>;
  for (const part of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [name, raw = 'true'] = part.split('=').map((s) => s.trim());
    if (!FEATURE_NAMES.includes(name as FeatureName)) {
      throw new ConfigError(
        `DOSSIER_FEATURES: unknown feature "${name}" (known: ${FEATURE_NAMES.join(', ')})`,
      );
    }
    if (!['true', 'false', 'on', 'off', '1', '0'].includes(raw)) {
      throw new ConfigError(`DOSSIER_FEATURES: "${part}" must be name=true|false`);
    }
    features[name as FeatureName] = ['true', 'on', '1'].includes(raw);
  }
  return features;
}

export function parseOutboundAllowList(spec: string): string[] {
  const entries = spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const entry of entries) {
    if (!parseAllowListEntry(entry)) {
      throw new ConfigError(
        `DOSSIER_OUTBOUND_ALLOWLIST: "${entry}" is neither a host name (or *.domain) nor an IP address or CIDR`,
      );
    }
  }
  return entries;
}

/**
 * Reads the environment once and validates it; every other module receives the result as an argument.
 * Errors name the offending variable.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = ZEnv.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  const encryptionKey = e.DOSSIER_ENCRYPTION_KEY
    ? decodeKey(e.DOSSIER_ENCRYPTION_KEY, 'DOSSIER_ENCRYPTION_KEY')
    : undefined;
  if (e.DATABASE_URL && e.NODE_ENV === 'production' && (!encryptionKey || !e.DOSSIER_JWT_SECRET)) {
    throw new ConfigError(
      'DOSSIER_ENCRYPTION_KEY and DOSSIER_JWT_SECRET are required in production with DATABASE_URL',
    );
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    dataDir: e.DOSSIER_DATA_DIR,
    embeddedPgPort: e.DOSSIER_EMBEDDED_PG_PORT,
    encryptionKey,
    jwtSecret: e.DOSSIER_JWT_SECRET,
    jwtTtlSeconds: e.DOSSIER_JWT_TTL_SECONDS,
    refreshTtlDays: e.DOSSIER_REFRESH_TTL_DAYS,
    sessionSyncMs: e.DOSSIER_SESSION_SYNC_MS,
    rateLimitPerHour: e.DOSSIER_RATE_LIMIT_PER_HOUR,
    loginMaxFailures: e.DOSSIER_LOGIN_MAX_FAILURES,
    loginWindowSeconds: e.DOSSIER_LOGIN_WINDOW_SECONDS,
    bodyLimitBytes: e.DOSSIER_BODY_LIMIT_BYTES,
    corsOrigins: e.DOSSIER_CORS_ORIGINS.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    features: parseFeatures(e.DOSSIER_FEATURES),
    webDist: e.DOSSIER_WEB_DIST,
    dbPoolMax: e.DOSSIER_DB_POOL_MAX,
    trustProxy: e.DOSSIER_TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    llm: resolveLlm(e),
    llmBudgetTokens: e.DOSSIER_LLM_BUDGET_TOKENS,
    pipelineConfigPath: e.DOSSIER_PIPELINE_CONFIG,
    outboundAllowList: parseOutboundAllowList(e.DOSSIER_OUTBOUND_ALLOWLIST),
    generationsPerHour: e.DOSSIER_GENERATIONS_PER_HOUR,
    workerWarmupRuns: e.DOSSIER_WORKER_WARMUP_RUNS,
    llmDailyTokens: e.DOSSIER_LLM_DAILY_TOKENS,
    documentRetentionDays: e.DOSSIER_DOCUMENT_RETENTION_DAYS,
    trashDays: e.DOSSIER_TRASH_DAYS,
    goldenDir: e.DOSSIER_GOLDEN_DIR ?? DEFAULT_GOLDEN_DIR,
    evidence: {
      recheckDays: e.DOSSIER_EVIDENCE_RECHECK_DAYS,
      hostConcurrency: e.DOSSIER_EVIDENCE_HOST_CONCURRENCY,
      hostIntervalMs: e.DOSSIER_EVIDENCE_HOST_INTERVAL_MS,
      checksPerMinute: e.DOSSIER_EVIDENCE_CHECKS_PER_MINUTE,
      scheduler: e.DOSSIER_EVIDENCE_SCHEDULER,
      archiveEndpoint: e.DOSSIER_ARCHIVE_ENDPOINT,
    },
  };
}
