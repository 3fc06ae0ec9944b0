import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { journeySchema } from '../../engine/journey/schema';
import { clearLocalDraft, readLocalDraft, sameEdits, writeLocalDraft } from '../../designer/src/editor/drafts';
import { shortcutFor, type ShortcutAction } from '../../designer/src/editor/shortcuts';

/** A Storage as the browser's, in memory: Node has no localStorage of its own. */
class MemoryStorage {
  items = new Map<string, string>();
  full = false;
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    if (this.full) throw new DOMException('quota', 'QuotaExceededError');
    this.items.set(k, v);
  }
  removeItem(k: string) {
    this.items.delete(k);
  }
}

describe('designer: the browser copy of unsaved edits', () => {
  const storage = new MemoryStorage();
  const had = Object.getOwnPropertyDescriptor(globalThis, 'localStorage');
  beforeAll(() => Object.defineProperty(globalThis, 'localStorage', { value: storage, configurable: true }));
  afterAll(() => (had ? Object.defineProperty(globalThis, 'localStorage', had) : delete (globalThis as { localStorage?: unknown }).localStorage));
  beforeEach(() => {
    storage.items.clear();
    storage.full = false;
  });

  const doc = journeySchema.parse({ id: 'j-local', name: 'Local', nodes: [{ id: 'trigger', type: 'trigger.event', config: { eventType: 'order.created' } }] });

  it('keeps, reads back and forgets one copy per journey', () => {
    expect(readLocalDraft('j-local')).toBeNull();
    expect(writeLocalDraft(doc, true)).toBe(true);
    const read = readLocalDraft('j-local')!;
    expect(read.isNew).toBe(true);
    expect(read.document).toEqual(doc);
    expect(readLocalDraft('j-other')).toBeNull();
    clearLocalDraft('j-local');
    expect(readLocalDraft('j-local')).toBeNull();
  });

  it('says when the browser would not keep it, and ignores a broken or foreign entry', () => {
    storage.full = true;
    expect(writeLocalDraft(doc, false)).toBe(false);
    storage.full = false;
    storage.setItem('huitou.unsaved.j-local', '{not json');
    expect(readLocalDraft('j-local')).toBeNull();
    storage.setItem('huitou.unsaved.j-local', JSON.stringify({ document: { ...doc, id: 'j-elsewhere' }, isNew: false }));
    expect(readLocalDraft('j-local')).toBeNull();
    storage.setItem('huitou.unsaved.j-local', JSON.stringify({ document: { name: 'no id' } }));
    expect(readLocalDraft('j-local')).toBeNull();
  });

  it('compares what a person edits, not the server lifecycle fields or key order', () => {
    expect(sameEdits(doc, { ...doc, status: 'live', version: 3 })).toBe(true);
    const { nodes, name, ...rest } = doc;
    const reordered = JSON.parse(JSON.stringify({ nodes, name, ...rest }));
    expect(sameEdits(doc, reordered)).toBe(true);
    expect(sameEdits(doc, { ...doc, name: 'Renamed' })).toBe(false);
    expect(sameEdits(doc, { ...doc, layout: { positions: { trigger: { x: 1, y: 0 } } } })).toBe(false);
  });
});

describe('designer: keyboard shortcuts', () => {
  const press = (key: string, mods: { ctrl?: boolean; shift?: boolean; alt?: boolean; meta?: boolean; code?: string } = {}): ShortcutAction | null =>
    shortcutFor({ key, code: mods.code ?? '', ctrlKey: !!mods.ctrl, shiftKey: !!mods.shift, altKey: !!mods.alt, metaKey: !!mods.meta } as KeyboardEvent);

  it('maps the editing chords (Ctrl on this platform)', () => {
    expect(press('z', { ctrl: true })).toBe('undo');
    expect(press('Z', { ctrl: true, shift: true })).toBe('redo');
    expect(press('y', { ctrl: true })).toBe('redo');
    expect(press('c', { ctrl: true })).toBe('copy');
    expect(press('x', { ctrl: true })).toBe('cut');
    expect(press('v', { ctrl: true })).toBe('paste');
    expect(press('d', { ctrl: true })).toBe('duplicate');
    expect(press('a', { ctrl: true })).toBe('selectAll');
    expect(press('!', { shift: true, code: 'Digit1' })).toBe('fitView');
    expect(press('f')).toBe('fitView');
    expect(press('l')).toBe('layout');
    expect(press('?', { shift: true })).toBe('help');
  });

  it('leaves other chords alone', () => {
    expect(press('z')).toBeNull(); // a plain letter is typing, not undo
    expect(press('c')).toBeNull();
    expect(press('z', { ctrl: true, alt: true })).toBeNull();
    expect(press('f', { ctrl: true })).toBeNull(); // the browser's find
    expect(press('l', { ctrl: true })).toBeNull(); // the address bar
    expect(press('1', { code: 'Digit1' })).toBeNull();
  });
});
