// A test evidence validator, loaded through DOSSIER_PIPELINE_CONFIG by absolute path (plain JavaScript with no
// imports, like the test generators). It claims every URL on a `.test` host and answers from a 127.0.0.1 server
// (`origin`): the URL's path is requested there through the guarded fetch, with the original host name in
// `x-test-host`, so one local server can play many hosts.

/** @type {import('@dossier/core').PluginDefinition<'evidence-validator', { origin: string }>} */
export const testEvidenceValidator = {
  name: 'test-evidence-validator',
  kind: 'evidence-validator',
  version: '1.0.0',
  order: 5,
  optionsSchema: {
    type: 'object',
    properties: { origin: { type: 'string' } },
    required: ['origin'],
    additionalProperties: false,
  },
  create(options, deps) {
    if (!deps.http) throw new Error('test-evidence-validator needs the guarded fetch');
    const http = deps.http;
    return {
      handles(url) {
        return url.hostname.endsWith('.test');
      },
      async validate(url, ctx) {
        const target = new URL(url);
        const res = await http(`${options.origin}${target.pathname}${target.search}`, {
          method: 'GET',
          headers: { 'x-test-host': target.hostname },
          signal: ctx.signal,
        });
        const reason = res.headers['x-reason'] ?? `HTTP ${res.status}`;
        const landed = new URL(res.url);
        if (landed.pathname !== target.pathname && res.status < 300) {
          const finalUrl = `${target.protocol}//${target.host}${landed.pathname}`;
          return { status: 'redirected', httpStatus: res.status, finalUrl, reason: 'moved permanently' };
        }
        if (res.status === 999 || res.status === 429) {
          const retryAfter = Number(res.headers['retry-after']);
          return {
            status: 'unverifiable',
            httpStatus: res.status,
            finalUrl: null,
            reason,
            // A rate limit with Retry-After is a provisional answer.
            ...(res.headers['retry-after'] && Number.isFinite(retryAfter)
              ? { retryAfterMs: retryAfter * 1000 }
              : {}),
          };
        }
        if (res.status >= 400) return { status: 'broken', httpStatus: res.status, finalUrl: null, reason };
        return { status: 'valid', httpStatus: res.status, finalUrl: null, reason: null };
      },
    };
  },
};

export default testEvidenceValidator;
