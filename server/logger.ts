import { pino, type Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger;

/**
 * Structured logs. Customer PII never goes in: log ids (customer id, event id, workflow id), not
 * names, phones, emails or message text. The redaction list is a second line of defence.
 */
export function createLogger(level = process.env.HUITOU_LOG_LEVEL ?? 'info'): Logger {
  return pino({
    level,
    redact: {
      paths: ['*.phone', '*.email', '*.name', '*.text', '*.recipient', 'req.headers.authorization', '*.data.customer'],
      censor: '[redacted]',
    },
  });
}
