import type { Locale } from '../nodes/define';

/**
 * Mustache's parse errors ("Unclosed tag at 19") in the UI language. Mustache's position is where
 * it gave up (the end of the text, mostly), not where the tag opened, so it is left out; a message
 * not recognised is shown as Mustache wrote it.
 */
export function describeTemplateProblem(message: string, locale: Locale): string {
  const unclosedTag = /^Unclosed tag at \d+$/.test(message);
  const section = /^(Unclosed|Unopened) section "([^"]*)" at \d+$/.exec(message);
  if (locale === 'en') {
    if (unclosedTag) return 'a {{ is not closed with }}';
    if (section) return `section "${section[2]}" is ${section[1] === 'Unclosed' ? 'not closed' : 'closed but never opened'}`;
    return message;
  }
  if (unclosedTag) return '有 {{ 没有用 }} 闭合';
  if (section) return `区块“${section[2]}”${section[1] === 'Unclosed' ? '没有闭合' : '没有开头'}`;
  return message;
}
