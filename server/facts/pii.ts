import type { Role } from '../http/api-tokens';

/**
 * Whether a role sees customers' names, phones and emails in full. Only admin: marketers draw
 * journeys and analysts read figures, and neither needs to reach a customer directly.
 */
export const seesPii = (role: Role | undefined) => role === 'admin';

const chars = (s: string) => Array.from(s);

/** `13812341234` → `138****1234`: the first three and last four digits, as Chinese shops show numbers. */
export function maskPhone(phone: string): string {
  const c = chars(phone.trim());
  if (c.length >= 8) return `${c.slice(0, 3).join('')}****${c.slice(-4).join('')}`;
  return c.length > 2 ? `****${c.slice(-2).join('')}` : '****';
}

/** `alice@x.com` → `a***@x.com`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${chars(email)[0]}***${email.slice(at)}`;
}

/** `王芳` → `王*`, `欧阳娜娜` → `欧***`: the first character (the family name for most Chinese names). */
export function maskName(name: string): string {
  const c = chars(name.trim());
  if (c.length <= 1) return '*';
  return `${c[0]}${'*'.repeat(c.length - 1)}`;
}
