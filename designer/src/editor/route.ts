/**
 * The open journey lives in the hash (`#/journeys/<id>`) so a reload comes back to it. The
 * history entry is replaced rather than pushed: "back" is the toolbar's job, where unsaved
 * changes can be confirmed.
 */
const PREFIX = '#/journeys/';

export function rememberJourney(id: string | null): void {
  const hash = id === null ? '' : PREFIX + encodeURIComponent(id);
  window.history.replaceState(null, '', window.location.pathname + window.location.search + hash);
}

export function rememberedJourney(): string | null {
  const hash = window.location.hash;
  return hash.startsWith(PREFIX) ? decodeURIComponent(hash.slice(PREFIX.length)) : null;
}
