import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NODE_FLAGS } from '../packages/api/src/runtime/node-flags.js';

const ROOT = path.resolve(import.meta.dirname, '..');

// The Docker image cannot import the list, so it repeats it; this keeps the two launchers in step.
describe('the V8 flags Dossier runs with', () => {
  it('are the Docker image entrypoint flags', () => {
    const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    const entrypoint = /^ENTRYPOINT (\[.*\])$/m.exec(dockerfile);
    expect(entrypoint).not.toBeNull();
    const argv = JSON.parse(entrypoint![1]!) as string[];
    expect(argv[0]).toBe('node');
    expect(argv.slice(1, -1)).toEqual([...NODE_FLAGS]);
    expect(argv.at(-1)).toBe('packages/api/dist/cli/main.js');
  });

  it('are ones this Node accepts', () => {
    expect(NODE_FLAGS.length).toBeGreaterThan(0);
    for (const flag of NODE_FLAGS) {
      expect(process.allowedNodeEnvironmentFlags.has(flag.split('=')[0]!)).toBe(true);
    }
  });
});
