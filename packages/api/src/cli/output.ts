import type { PipelineProgress } from '@dossier/core';

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A plain text table: columns padded to their widest cell. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** A one-line progress bar on stderr when it is a terminal; silent otherwise so pipes stay clean. */
export function progressPrinter() {
  const tty = process.stderr.isTTY;
  return {
    update: (p: PipelineProgress) => {
      if (tty) {
        const width = 24;
        const filled = Math.round((p.percent / 100) * width);
        process.stderr.write(
          `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(p.percent)).padStart(3)}% ${p.stage}${p.message ? `: ${p.message}` : ''}\u001b[K`,
        );
      }
    },
    done: () => {
      if (tty) process.stderr.write('\n');
    },
  };
}
