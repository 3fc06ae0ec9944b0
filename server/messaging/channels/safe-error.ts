/**
 * An error as it may be stored and logged: providers echo addresses back ("550 <a@b.cn>: no such
 * user"), so e-mail addresses and long digit runs (phone numbers) are masked and the text is cut.
 */
export function safeErrorText(error: unknown): string {
  const raw = error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error);
  return raw
    .replace(/[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g, '<address>')
    .replace(/\+?\d[\d\s-]{5,}\d/g, '<number>')
    .replace(/\s+/g, ' ')
    .slice(0, 300);
}
