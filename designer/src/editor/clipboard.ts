import { copySteps, parseClipboard, pasteSteps, type ClipboardData } from '../model/clipboard';
import { useStore } from '../store';

/**
 * Copy, cut, paste and duplicate of the selected steps. The data goes to the system clipboard
 * when the browser lets us (so it pastes into another tab or window) and to localStorage as well
 * (the system clipboard may be refused, e.g. without permission): a paste reads the system
 * clipboard first and falls back to the stored copy, which also survives a reload.
 */
const STORAGE_KEY = 'huitou.clipboard';
/** A browser that neither grants nor refuses clipboard reading must not hold up a paste. */
const READ_TIMEOUT_MS = 500;

const store = () => useStore.getState();

/** Copies the selected steps; resolves how many were copied. */
export async function copySelection(): Promise<number> {
  const s = store();
  const data = copySteps(s.nodes, s.edges, new Set(s.selectedIds()));
  if (!data) return 0;
  const text = JSON.stringify(data);
  try {
    localStorage.setItem(STORAGE_KEY, text);
  } catch {
    /* storage disabled: the system clipboard alone */
  }
  try {
    await navigator.clipboard?.writeText(text);
  } catch {
    /* permission refused: the stored copy alone */
  }
  store().setNotice({ kind: 'info', key: 'editing.copied', params: { count: data.steps.length } });
  return data.steps.length;
}

export async function cutSelection(): Promise<void> {
  if ((await copySelection()) > 0) store().removeSelection();
}

/** Pastes what was copied last, here or in another journey. */
export async function pasteClipboard(): Promise<void> {
  const data = (await readSystemClipboard()) ?? readStored();
  if (!data) {
    store().setNotice({ kind: 'info', key: 'editing.nothingToPaste' });
    return;
  }
  paste(data);
}

/** Copies and pastes the selection in one go, without touching the clipboard. */
export function duplicateSelection(): void {
  const s = store();
  const data = copySteps(s.nodes, s.edges, new Set(s.selectedIds()));
  if (data) paste(data);
}

function paste(data: ClipboardData): void {
  const s = store();
  if (!s.meta) return;
  const isTrigger = (type: string) => s.nodeTypes[type]?.category === 'trigger';
  const { nodes, edges, refusedTriggers } = pasteSteps(data, s.nodes, isTrigger);
  s.insertSteps(nodes, edges);
  if (refusedTriggers > 0) store().setNotice({ kind: 'error', key: 'editing.triggerRefused' });
  else store().setNotice(null);
}

async function readSystemClipboard(): Promise<ClipboardData | null> {
  if (!navigator.clipboard?.readText) return null;
  try {
    const text = await Promise.race([navigator.clipboard.readText(), new Promise<null>((resolve) => setTimeout(() => resolve(null), READ_TIMEOUT_MS))]);
    return parseClipboard(text);
  } catch {
    return null; // refused: the stored copy
  }
}

function readStored(): ClipboardData | null {
  try {
    return parseClipboard(localStorage.getItem(STORAGE_KEY));
  } catch {
    return null;
  }
}
