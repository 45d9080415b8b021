import { type Logger, pino } from 'pino';

const EMAIL = /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g;

/** Masks e-mail addresses in free text: `j***@example.com`. */
export const maskEmails = (s: string) => s.replace(EMAIL, '$1***@$2');

/**
 * JSON logs; secrets and personal data are redacted by path, and e-mail addresses are masked wherever they
 * appear in a message.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'dossier' },
      redact: {
        paths: [
          'password',
          '*.password',
          'email',
          '*.email',
          'token',
          '*.token',
          'refreshToken',
          '*.refreshToken',
          'accessToken',
          '*.accessToken',
          'headers.authorization',
          'headers["x-api-key"]',
          'headers.cookie',
          'url',
          '*.url',
        ],
        censor: '[redacted]',
      },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((a) => (typeof a === 'string' ? maskEmails(a) : a)) as Parameters<
            typeof method
          >;
          return method.apply(this, masked);
        },
      },
    },
    destination,
  );
}
