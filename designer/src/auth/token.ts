/**
 * `npm start` prints `http://127.0.0.1:3000/#token=XYZ`. The token is taken from the hash and the
 * hash is removed at once, so it does not stay in the address bar, history or screenshots.
 */
export function takeTokenFromUrl(): string | null {
  const token = tokenIn(window.location.hash);
  if (token) window.history.replaceState(null, '', window.location.pathname + window.location.search);
  return token;
}

/** The token in a pasted value: a bare token, a `#token=` hash, or a whole address with one. */
export function tokenIn(text: string): string | null {
  const trimmed = text.trim();
  const hash = trimmed.includes('#') ? trimmed.slice(trimmed.indexOf('#') + 1) : null;
  if (hash !== null) return new URLSearchParams(hash).get('token') || null;
  return trimmed === '' || /\s/.test(trimmed) ? null : trimmed;
}
