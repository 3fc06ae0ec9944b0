import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';
import { maskWith } from './facts/pii-mask';
import { PiiText } from './facts/pii-text';

export type Logger = PinoLogger;

/**
 * Structured logs. Customer PII never goes in: log ids (customer id, event id, workflow id), not
 * names, phones, emails or message text. Two nets catch what slips through anyway: the redaction
 * list drops fields by name, and every string of every line (its message, fields and errors,
 * identifiers included) has phone- and email-shaped text masked.
 * `destination`: where lines go (stdout when absent).
 */
export function createLogger(level = process.env.HUITOU_LOG_LEVEL ?? 'info', destination?: DestinationStream): Logger {
  const text = new PiiText();
  const options = {
    level,
    redact: {
      paths: ['*.phone', '*.email', '*.name', '*.text', '*.subject', '*.recipient', '*.attributes', 'req.headers.authorization', '*.data.customer'],
      censor: '[redacted]',
    },
    formatters: { log: (fields: Record<string, unknown>) => maskWith(fields, text, false) },
    hooks: {
      logMethod(this: PinoLogger, args: Parameters<PinoLogger['info']>, method: (...a: unknown[]) => void) {
        method.apply(
          this,
          args.map((a) => (typeof a === 'string' ? text.mask(a) : a)),
        );
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
