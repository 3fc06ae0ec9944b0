import Mustache from 'mustache';

/**
 * Message templates are logic-less Mustache (`{{customer.name}}`, `{{order.id}}`): no expressions,
 * no function calls, so a template can never run code. HTML is escaped only where the channel is
 * HTML (email); SMS and tasks are plain text.
 */
export function renderTemplate(template: string, view: Record<string, unknown>, opts: { html: boolean }): string {
  const escape = opts.html ? escapeHtml : (s: unknown) => String(s);
  return Mustache.render(template, new DataContext(view), undefined, { escape });
}

/**
 * Mustache's own lookup follows prototypes and calls any function it finds, so `{{constructor}}`
 * called Object and `{{constructor.__proto__.constructor}}` reached Function. This context reads
 * only own properties (of objects and arrays, and of strings for `.length`) and never returns a
 * function, so nothing a template names can be called.
 */
class DataContext extends Mustache.Context {
  override push(view: unknown): Mustache.Context {
    return new DataContext(view, this);
  }

  override lookup(name: string): unknown {
    if (name === '.') return dataOnly(this.view);
    const names = name.split('.');
    for (let context: Mustache.Context | undefined = this; context; context = context.parent) {
      if (typeof context.view !== 'object' || context.view === null) continue;
      let value: unknown = context.view;
      let hit = true;
      for (const key of names) {
        if (value === null || value === undefined || !Object.hasOwn(Object(value), key)) {
          hit = false;
          break;
        }
        value = (value as Record<string, unknown>)[key];
      }
      if (hit) return dataOnly(value);
    }
    return undefined;
  }
}

const dataOnly = (value: unknown): unknown => (typeof value === 'function' ? undefined : value);

export function escapeHtml(value: unknown): string {
  return String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
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
