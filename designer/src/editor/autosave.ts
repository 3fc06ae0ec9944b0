import { useEffect } from 'react';
import { create } from 'zustand';
import { flowToJourney } from '../model/convert';
import { useStore } from '../store';
import { saveJourney } from './actions';
import { clearLocalDraft, writeLocalDraft } from './drafts';

/**
 * Nothing typed is lost: every edit is copied to the browser (editor/drafts.ts) a moment after it
 * is made, and a journey the server already has is saved a few seconds after the last edit. A
 * published journey saves its draft only, as the Save button does; publishing stays a choice. A
 * new journey waits for its first explicit save (its name and id are still being decided), kept
 * in the browser until then.
 */
export const AUTOSAVE_MS = 2500;
const LOCAL_COPY_MS = 300;
/** Another save or a publish is running: look again after this. */
const RETRY_MS = 1000;

interface AutosaveStatus {
  /** `pending`: an autosave is scheduled; `saving`: it runs; `saved`: the last save was automatic. */
  phase: 'idle' | 'pending' | 'saving' | 'saved';
  at: number | null;
}

export const useAutosaveStatus = create<AutosaveStatus>()(() => ({ phase: 'idle', at: null }));

/** Writes the open journey's unsaved edits to the browser now; false if they could not be kept. */
export function flushLocalDraft(): boolean {
  const s = useStore.getState();
  if (!s.meta || !s.dirty) return true;
  return writeLocalDraft(flowToJourney(s.meta, s.nodes, s.edges), s.isNew);
}

export function useAutosave(): void {
  useEffect(() => {
    let saveTimer: ReturnType<typeof setTimeout> | undefined;
    let copyTimer: ReturnType<typeof setTimeout> | undefined;
    const status = useAutosaveStatus.setState;
    status({ phase: 'idle', at: null });

    const autosave = async () => {
      saveTimer = undefined;
      const s = useStore.getState();
      if (!s.meta || s.isNew || !s.dirty) return status({ phase: 'idle' });
      if (s.busy) {
        saveTimer = setTimeout(() => void autosave(), RETRY_MS);
        return;
      }
      status({ phase: 'saving' });
      const ok = await saveJourney({ auto: true });
      // Edited while it ran: the next timer is already set and says so.
      if (useAutosaveStatus.getState().phase === 'saving') status(ok && !useStore.getState().dirty ? { phase: 'saved', at: Date.now() } : { phase: 'idle' });
    };

    const schedule = () => {
      clearTimeout(saveTimer);
      saveTimer = setTimeout(() => void autosave(), AUTOSAVE_MS);
      status({ phase: 'pending' });
    };
    // A stored journey opened with edits restored from the browser sends them on, as any edit.
    const restoredEdits = () => {
      const s = useStore.getState();
      if (s.meta && s.dirty && !s.isNew) schedule();
    };
    restoredEdits();

    const unsubscribe = useStore.subscribe((s, prev) => {
      if (s.opened !== prev.opened) {
        clearTimeout(saveTimer);
        clearTimeout(copyTimer);
        saveTimer = copyTimer = undefined;
        status({ phase: 'idle', at: null });
        restoredEdits();
        return;
      }
      if (!s.meta) return;
      if (s.revision !== prev.revision && s.dirty) {
        clearTimeout(copyTimer);
        copyTimer = setTimeout(flushLocalDraft, LOCAL_COPY_MS);
        if (!s.isNew) schedule();
      }
      // The server has everything now (saved by hand or automatically): no copy to offer back.
      if (prev.dirty && !s.dirty) {
        clearTimeout(copyTimer);
        copyTimer = undefined;
        clearLocalDraft(s.meta.id);
      }
    });
    return () => {
      unsubscribe();
      clearTimeout(saveTimer);
      // Closing the editor with edits still unsaved keeps them, as a reload would.
      if (copyTimer !== undefined) flushLocalDraft();
      clearTimeout(copyTimer);
    };
  }, []);
}
