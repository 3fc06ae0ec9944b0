import Mustache from 'mustache';

/** The variables a template uses, and those the given view has no value for. */
export function templateVariables(template: string, view: Record<string, unknown>): { variables: string[]; unknownVariables: string[] } {
  const used = new Set<string>();
  const unknown = new Set<string>();
  // Mustache looks a name up in the innermost section's value first, then outwards.
  const walk = (tokens: Mustache.TemplateSpans, stack: unknown[]) => {
    for (const token of tokens) {
      const [kind, name] = token as [string, string, number, number, Mustache.TemplateSpans?];
      if (kind !== 'name' && kind !== '&' && kind !== '#' && kind !== '^') continue;
      if (name === '.') continue;
      used.add(name);
      const value = resolve(name, stack);
      if (value === undefined) unknown.add(name);
      const children = (token as unknown[])[4] as Mustache.TemplateSpans | undefined;
      if (!children) continue;
      const inner = Array.isArray(value) ? value[0] : value;
      walk(children, kind === '#' && inner !== null && typeof inner === 'object' ? [inner, ...stack] : stack);
    }
  };
  walk(Mustache.parse(template), [view]);
  return { variables: [...used], unknownVariables: [...unknown] };
}

function resolve(name: string, stack: unknown[]): unknown {
  for (const context of stack) {
    let value: unknown = context;
    let hit = true;
    for (const key of name.split('.')) {
      if (value === null || value === undefined || !Object.hasOwn(Object(value), key)) {
        hit = false;
        break;
      }
      value = (value as Record<string, unknown>)[key];
    }
    if (hit && value !== undefined) return value;
  }
  return undefined;
}

// GSM 03.38: the basic set (one septet each) and the extension set (escape + one septet).
const gsmBasic = new Set('@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà');
const gsmExtended = new Set('^{}\\[~]|€\f');

/**
 * How many SMS parts a text takes. GSM-7 when every character is in the GSM alphabet: 160
 * septets in one part, 153 per part when split (the rest carries the joining header). Otherwise
 * UCS-2 — any Chinese text — 70 UTF-16 units in one part, 67 per part when split.
 */
export function smsSegments(text: string): { encoding: 'GSM-7' | 'UCS-2'; units: number; segments: number } {
  let septets = 0;
  let gsm = true;
  for (const ch of text) {
    if (gsmBasic.has(ch)) septets += 1;
    else if (gsmExtended.has(ch)) septets += 2;
    else {
      gsm = false;
      break;
    }
  }
  if (gsm) return { encoding: 'GSM-7', units: septets, segments: septets === 0 ? 0 : septets <= 160 ? 1 : Math.ceil(septets / 153) };
  const units = text.length;
  return { encoding: 'UCS-2', units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
}
