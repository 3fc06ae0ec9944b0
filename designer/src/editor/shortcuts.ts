import { useEffect, useRef } from 'react';

/**
 * The editor's keyboard shortcuts: one table for the key handler and the help overlay, so the
 * list a person reads is the list that works. `mod` is Ctrl, or ⌘ on a Mac.
 */
export type ShortcutAction = 'undo' | 'redo' | 'copy' | 'cut' | 'paste' | 'duplicate' | 'selectAll' | 'fitView' | 'layout' | 'help';

interface KeyChord {
  /** KeyboardEvent.key, lower case for letters; or a KeyboardEvent.code such as `Digit1`. */
  key?: string;
  code?: string;
  mod?: boolean;
  shift?: boolean;
  /** Ctrl itself, also on a Mac (Ctrl+Y). */
  ctrl?: boolean;
}

const BINDINGS: Record<ShortcutAction, KeyChord[]> = {
  undo: [{ key: 'z', mod: true }],
  redo: [
    { key: 'z', mod: true, shift: true },
    { key: 'y', ctrl: true },
  ],
  copy: [{ key: 'c', mod: true }],
  cut: [{ key: 'x', mod: true }],
  paste: [{ key: 'v', mod: true }],
  duplicate: [{ key: 'd', mod: true }],
  selectAll: [{ key: 'a', mod: true }],
  fitView: [{ code: 'Digit1', shift: true }, { key: 'f' }],
  layout: [{ key: 'l' }],
  help: [{ key: '?' }],
};

/** What the help overlay lists, in order: the bindings above plus keys React Flow handles itself. */
export const SHORTCUT_LIST: { id: string; keys: string[][] }[] = [
  { id: 'undo', keys: [['mod', 'Z']] },
  {
    id: 'redo',
    keys: [
      ['mod', 'Shift', 'Z'],
      ['Ctrl', 'Y'],
    ],
  },
  { id: 'copy', keys: [['mod', 'C']] },
  { id: 'cut', keys: [['mod', 'X']] },
  { id: 'paste', keys: [['mod', 'V']] },
  { id: 'duplicate', keys: [['mod', 'D']] },
  { id: 'selectAll', keys: [['mod', 'A']] },
  { id: 'delete', keys: [['Delete'], ['Backspace']] },
  { id: 'boxSelect', keys: [['Shift', 'drag']] },
  { id: 'multiSelect', keys: [['mod', 'click']] },
  { id: 'fitView', keys: [['Shift', '1'], ['F']] },
  { id: 'layout', keys: [['L']] },
  { id: 'save', keys: [['mod', 'S']] },
  { id: 'help', keys: [['?']] },
  { id: 'close', keys: [['Esc']] },
];

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

function matches(e: KeyboardEvent, c: KeyChord): boolean {
  const mod = isMac ? e.metaKey : e.ctrlKey;
  if (c.code ? e.code !== c.code : e.key.toLowerCase() !== c.key) return false;
  if (c.ctrl) return e.ctrlKey && !e.metaKey && !e.altKey;
  // `?` is Shift+/ on most layouts: its shift is part of the key, not of the chord.
  if (c.key === '?') return !e.ctrlKey && !e.metaKey && !e.altKey;
  return !!c.mod === mod && !!c.shift === e.shiftKey && !e.altKey && (isMac ? !e.ctrlKey : !e.metaKey);
}

/** The action a key press asks for, or null. */
export function shortcutFor(e: KeyboardEvent): ShortcutAction | null {
  for (const [action, chords] of Object.entries(BINDINGS) as [ShortcutAction, KeyChord[]][]) if (chords.some((c) => matches(e, c))) return action;
  return null;
}

/** Typing into a field is not a shortcut: text fields keep their own undo, copy and paste. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}

/**
 * Calls `handlers[action]` for a shortcut pressed anywhere on the page but in a field or a
 * dialog other than the help overlay. A handler returning false lets the browser have the key
 * (copy with text selected on the page copies that text).
 */
export function useShortcuts(handlers: Partial<Record<ShortcutAction, () => boolean | void>>): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || (e.repeat && e.key.toLowerCase() !== 'z') || isTyping(e.target)) return;
      if (e.target instanceof HTMLElement && e.target.closest('[role="dialog"]:not([data-shortcuts])')) return;
      const action = shortcutFor(e);
      const handler = action ? latest.current[action] : undefined;
      if (!handler || handler() === false) return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
