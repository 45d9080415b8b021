import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface PromptTemplate {
  /** From the file name: `cv.v1.md` → `cv.v1`. */
  version: string;
  system: string;
  user: string;
  /** The system and user texts with every `{{name}}` filled; a placeholder without a value is an error. */
  render(values: Record<string, string>): { system: string; user: string };
}

const PLACEHOLDER = /\{\{\s*([a-zA-Z][a-zA-Z0-9]*)\s*\}\}/g;

function fill(text: string, values: Record<string, string>, version: string): string {
  return text.replace(PLACEHOLDER, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`prompt ${version}: no value for {{${name}}}`);
    return value;
  });
}

/** Splits a prompt file into its `# system` and `# user` parts; HTML comments are notes for maintainers. */
export function parsePrompt(source: string, version: string): PromptTemplate {
  const text = source.replace(/<!--[\s\S]*?-->/g, '');
  const parts = new Map<string, string>();
  let current: string | undefined;
  let lines: string[] = [];
  const flush = () => {
    if (current) parts.set(current, lines.join('\n').trim());
  };
  for (const line of text.split(/\r?\n/)) {
    const heading = /^#\s+(system|user)\s*$/i.exec(line);
    if (heading) {
      flush();
      current = heading[1]!.toLowerCase();
      lines = [];
    } else if (current) {
      lines.push(line);
    }
  }
  flush();
  const system = parts.get('system');
  const user = parts.get('user');
  if (!system || !user) throw new Error(`prompt ${version}: needs a "# system" and a "# user" part`);
  return {
    version,
    system,
    user,
    render: (values) => ({ system: fill(system, values, version), user: fill(user, values, version) }),
  };
}

/** Reads a versioned prompt file shipped with this package (`prompts/<name>.v<N>.md`). */
export function loadPrompt(url: URL): PromptTemplate {
  const path = fileURLToPath(url);
  const version = /([^/\\]+)\.md$/.exec(path)?.[1] ?? path;
  return parsePrompt(readFileSync(path, 'utf8'), version);
}
