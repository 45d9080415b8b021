import { createGuardedFetch, type EvidenceValidatorHandler } from '@dossier/core';
import { definePlugin } from '@dossier/core/plugins';
import {
  createHttpCheck,
  HTTP_VALIDATOR_OPTIONS_SCHEMA,
  type HttpValidatorOptions,
  linkCheckUserAgent,
  verdict,
} from './http-validator.js';

export interface DoiValidatorOptions {
  /** The DOI resolver; tests point it at a local server. */
  resolverBaseUrl?: string;
  /** Also check the page the DOI points to (publishers often wall bots, so off by default). */
  checkTarget?: boolean;
  http?: HttpValidatorOptions;
}

const DOI_HOSTS = new Set(['doi.org', 'dx.doi.org', 'www.doi.org']);
const DOI = /^10\.\d{4,9}\/\S+$/;

/** The DOI a link names (`https://doi.org/10.1000/182`, `doi:10.1000/182`), or null. */
export function parseDoi(url: URL): string | null {
  const raw =
    url.protocol === 'doi:' ? url.pathname : DOI_HOSTS.has(url.hostname) ? url.pathname.slice(1) : '';
  let doi: string;
  try {
    doi = decodeURIComponent(raw);
  } catch {
    return null;
  }
  return DOI.test(doi) ? doi : null;
}

/**
 * DOIs through the resolver's handle API (`/api/handles/<doi>`): a registered DOI is `valid` (its target URL is
 * reported as `finalUrl`), an unknown one `broken`. The DOI stays the stored link; it is never `redirected` to
 * the publisher's page. Anything the API cannot answer falls back to the `http` check of the doi.org URL.
 */
export const doiValidator = definePlugin<'evidence-validator', DoiValidatorOptions>({
  name: 'doi',
  kind: 'evidence-validator',
  version: '1.0.0',
  description: 'DOIs resolved through doi.org; the publisher page is optionally checked too.',
  order: 20,
  optionsSchema: {
    type: 'object',
    properties: {
      resolverBaseUrl: { type: 'string', format: 'uri', default: 'https://doi.org' },
      checkTarget: { type: 'boolean', default: false },
      http: HTTP_VALIDATOR_OPTIONS_SCHEMA,
    },
    additionalProperties: false,
  },
  create(options, deps): EvidenceValidatorHandler {
    const http = deps.http ?? createGuardedFetch();
    const check = createHttpCheck(options.http ?? {}, http);
    const resolver = (options.resolverBaseUrl ?? 'https://doi.org').replace(/\/+$/, '');
    const userAgent = options.http?.userAgent ?? linkCheckUserAgent(options.http?.contactUrl);
    return {
      handles: (url) => parseDoi(url) !== null,
      async validate(raw, ctx, input) {
        const doi = parseDoi(new URL(raw));
        if (!doi) return verdict('broken', null, null, 'not a DOI');
        const resolverUrl = `${resolver}/${doi}`;
        try {
          const res = await http(`${resolver}/api/handles/${encodeURIComponent(doi).replace(/%2F/gi, '/')}`, {
            headers: { accept: 'application/json', 'user-agent': userAgent },
            signal: ctx.signal,
            maxBytes: 256 * 1024,
            truncate: true,
            timeouts: { totalMs: 20_000 },
          });
          const body = res.status === 200 || res.status === 404 ? await res.text() : '';
          let data: { responseCode?: number; values?: { type?: string; data?: { value?: unknown } }[] } = {};
          try {
            data = body ? JSON.parse(body) : {};
          } catch {
            data = {};
          }
          if (data.responseCode === 100 || (res.status === 404 && data.responseCode !== 1)) {
            return verdict('broken', 404, null, `DOI ${doi} is not registered`);
          }
          if (data.responseCode === 1) {
            const target = data.values?.find((v) => v.type === 'URL')?.data?.value;
            if (typeof target !== 'string') return verdict('valid', 200, null, `DOI ${doi} is registered`);
            if (options.checkTarget) {
              const page = await check.check(target, ctx.signal, input);
              if (page.status === 'broken')
                return { ...page, reason: `the DOI's target is broken: ${page.reason}` };
            }
            return verdict('valid', 200, target, `DOI ${doi} resolves`);
          }
        } catch (error) {
          ctx.signal.throwIfAborted();
          deps.logger.debug('DOI handle API unavailable, checking over http', { error: String(error) });
        }
        return check.check(resolverUrl, ctx.signal, input);
      },
    };
  },
});
