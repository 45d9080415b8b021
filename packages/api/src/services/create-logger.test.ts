import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, maskEmails } from './create-logger.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { logger: createLogger('info', stream), lines };
}

describe('logging', () => {
  it('masks e-mail addresses in messages', () => {
    expect(maskEmails('login failed for jane.doe@example.com')).toBe('login failed for j***@example.com');
    const { logger, lines } = capture();
    logger.info('user ada@example.org registered');
    expect(lines[0]).toContain('a***@example.org');
    expect(lines[0]).not.toContain('ada@example.org');
  });

  it('redacts secrets and personal fields by path', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        password: 'hunter2hunter2',
        body: { refreshToken: 'dsr_x', email: 'a@b.co' },
        headers: { authorization: 'Bearer t' },
      },
      'x',
    );
    const out = JSON.parse(lines[0]!);
    expect(out.password).toBe('[redacted]');
    expect(out.body.refreshToken).toBe('[redacted]');
    expect(out.body.email).toBe('[redacted]');
    expect(out.headers.authorization).toBe('[redacted]');
    expect(lines[0]).not.toContain('hunter2');
  });
});
