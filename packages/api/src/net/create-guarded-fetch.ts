// The guard lives in core (so plugins and the CLI share it); this re-export keeps older imports working.
export { createGuardedFetch, type GuardedFetchOptions, type ResolveHost } from '@dossier/core';
