import Mustache from 'mustache';

/**
 * Message templates are logic-less Mustache (`{{customer.name}}`, `{{order.id}}`): no expressions,
 * no function calls, so a template can never run code. HTML is escaped only where the channel is
 * HTML (email); SMS and tasks are plain text.
 */
export function renderTemplate(template: string, view: Record<string, unknown>, opts: { html: boolean }): string {
  const escape = opts.html ? escapeHtml : (s: unknown) => String(s);
  // Mustache renders functions found in the view by calling them; the view is plain data (parsed
  // JSON), so nothing callable can reach it.
  return Mustache.render(template, view, undefined, { escape });
}

export function escapeHtml(value: unknown): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Checks a template parses; returns the parser's message if not. */
export function templateProblem(template: string): string | undefined {
  try {
    Mustache.parse(template);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}
