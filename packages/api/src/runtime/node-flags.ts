/**
 * V8 flags every long-running Dossier process is started with (`npm start`, the Docker image, the benchmarks).
 *
 * `--max-semi-space-size=32` (MB; Node 24's default is 16): a list page builds about 40 KB of strings per
 * request, and with dozens of requests in flight the young generation filled before their garbage died, so V8
 * promoted it to the old generation, which then grew. With room for it to die young, peak RSS under
 * `npm run bench:api` fell from 279–283 MB to 224–233 MB (three runs each, 1,000 users, one process), at the
 * same CPU per request.
 */
export const NODE_FLAGS: readonly string[] = ['--max-semi-space-size=32'];
