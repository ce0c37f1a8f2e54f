import pino from 'pino';

/**
 * The one logger. Steady never logs post bodies, author keys, passwords or addresses:
 * nothing here serializes requests, and `redact` is a second line of defence.
 */
export function createLogger(level: string, destination?: pino.DestinationStream) {
  return pino(
    {
      level,
      base: undefined,
      redact: {
        paths: ['body', 'authorKey', 'password', 'token', 'ip', '*.body', '*.authorKey', '*.password', '*.token', '*.ip'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

export type Logger = ReturnType<typeof createLogger>;
