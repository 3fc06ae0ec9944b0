import { beforeEach, describe, expect, it } from 'vitest';
import { journeySchema } from '../../engine/journey/schema';
import { layoutPositions, type ElkEngine } from '../../designer/src/editor/layout';
import { CLIPBOARD_MARKER, copySteps, parseClipboard, pasteSteps, PASTE_OFFSET } from '../../designer/src/model/clipboard';
import { journeyToFlow } from '../../designer/src/model/convert';
import { portsOf } from '../../designer/src/model/registry';
import { useStore } from '../../designer/src/store';

const journey = journeySchema.parse({
  id: 'j-clip',
  name: 'Clipboard',
  nodes: [
    { id: 'trigger', type: 'trigger.event', config: { eventType: 'order.created' } },
    { id: 'check', type: 'condition', config: { conditions: { all: [] } } },
    { id: 'sms', type: 'message.send', config: { channel: 'sms', template: 'hi' } },
    { id: 'done', type: 'exit', config: {} },
    { id: 'left', type: 'exit', config: {} },
  ],
  edges: [
    { from: 'trigger', port: 'next', to: 'check' },
    // "no" listed first and its target drawn on the left: the layout must still put "yes" left.
    { from: 'check', port: 'no', to: 'left' },
    { from: 'check', port: 'yes', to: 'sms' },
    { from: 'sms', port: 'next', to: 'done' },
  ],
  layout: { positions: { trigger: { x: 0, y: 0 }, check: { x: 0, y: 100 }, left: { x: -300, y: 200 }, sms: { x: 300, y: 200 }, done: { x: 300, y: 300 } } },
});
const isTrigger = (type: string) => type.startsWith('trigger.');

describe('designer: copy and paste of steps', () => {
  const { nodes, edges } = journeyToFlow(journey);

  it('copies the chosen steps and only the edges between them, as marked JSON', () => {
    const data = copySteps(nodes, edges, new Set(['check', 'sms', 'done']))!;
    expect(data.marker).toBe(CLIPBOARD_MARKER);
    expect(data.steps.map((s) => s.id)).toEqual(['check', 'sms', 'done']);
    expect(data.edges).toEqual([
      { from: 'check', port: 'yes', to: 'sms' },
      { from: 'sms', port: 'next', to: 'done' },
    ]);
    expect(parseClipboard(JSON.stringify(data))).toEqual(data);
    expect(copySteps(nodes, edges, new Set())).toBeNull();
  });

  it('ignores text that is not ours', () => {
    expect(parseClipboard('hello')).toBeNull();
    expect(parseClipboard('{"marker":"other","steps":[],"edges":[]}')).toBeNull();
    expect(parseClipboard(JSON.stringify({ marker: CLIPBOARD_MARKER, steps: [{ id: 1 }], edges: [] }))).toBeNull();
    expect(parseClipboard(null)).toBeNull();
  });

  it('pastes with fresh ids, offset, selected, edges rewired; repeated pastes do not stack', () => {
    const data = copySteps(nodes, edges, new Set(['check', 'sms', 'done']))!;
    const first = pasteSteps(data, nodes, isTrigger);
    expect(first.refusedTriggers).toBe(0);
    expect(first.nodes.map((n) => n.data.nodeType)).toEqual(['condition', 'message.send', 'exit']);
    expect(first.nodes.every((n) => n.selected && !nodes.some((o) => o.id === n.id))).toBe(true);
    expect(first.nodes[0]!.position).toEqual({ x: PASTE_OFFSET, y: 100 + PASTE_OFFSET });
    const [check, sms, done] = first.nodes.map((n) => n.id);
    expect(first.edges.map((e) => [e.source, e.sourceHandle, e.target])).toEqual([
      [check, 'yes', sms],
      [sms, 'next', done],
    ]);
    // The configs are copies, not shared objects.
    expect(first.nodes[1]!.data.config).toEqual({ channel: 'sms', template: 'hi' });
    expect(first.nodes[1]!.data.config).not.toBe(nodes.find((n) => n.id === 'sms')!.data.config);

    const second = pasteSteps(data, [...nodes, ...first.nodes], isTrigger);
    expect(second.nodes[0]!.position).toEqual({ x: 2 * PASTE_OFFSET, y: 100 + 2 * PASTE_OFFSET });
  });

  it('refuses a second trigger and pastes the rest', () => {
    const data = copySteps(nodes, edges, new Set(['trigger', 'check']))!;
    const pasted = pasteSteps(data, nodes, isTrigger);
    expect(pasted.refusedTriggers).toBe(1);
    expect(pasted.nodes.map((n) => n.data.nodeType)).toEqual(['condition']);
    expect(pasted.edges).toEqual([]);
    // Into a journey without one, the trigger comes along.
    const intoEmpty = pasteSteps(data, [], isTrigger);
    expect(intoEmpty.nodes.map((n) => n.data.nodeType)).toEqual(['trigger.event', 'condition']);
    expect(intoEmpty.edges).toHaveLength(1);
  });

  describe('through the store', () => {
    const s = () => useStore.getState();
    beforeEach(() => s().openJourney(journey, false));

    it('inserts a paste as one undoable step that becomes the selection', () => {
      const data = copySteps(s().nodes, s().edges, new Set(['check', 'sms']))!;
      const pasted = pasteSteps(data, s().nodes, isTrigger);
      s().insertSteps(pasted.nodes, pasted.edges);
      expect(s().nodes).toHaveLength(7);
      expect(s().selectedIds()).toEqual(pasted.nodes.map((n) => n.id));
      expect(s().selectedNodeId).toBe(pasted.nodes[0]!.id);
      s().undo();
      expect(s().nodes).toHaveLength(5);
    });

    it('deletes the selection with every edge touching it (cut), undone in one step', () => {
      s().onNodesChange([
        { type: 'select', id: 'check', selected: true },
        { type: 'select', id: 'sms', selected: true },
      ]);
      expect(s().removeSelection()).toEqual({ nodes: 2, edges: 4 });
      expect(s().nodes.map((n) => n.id)).toEqual(['trigger', 'done', 'left']);
      expect(s().edges).toEqual([]);
      s().undo();
      expect(s().edges).toHaveLength(4);
      expect(s().removeSelection()).toEqual({ nodes: 0, edges: 0 }); // selection is not history: nothing selected now
    });

    it('selects everything', () => {
      s().selectAll();
      expect(s().selectedIds()).toHaveLength(5);
    });
  });
});

describe('designer: auto-layout', () => {
  const { nodes, edges } = journeyToFlow(journey);
  const ports = (n: (typeof nodes)[number]) => portsOf(n.data.nodeType, n.data.config);
  // The same ELK as the browser's worker runs, bundled for Node (no Web Workers here).
  const elk = async (): Promise<ElkEngine> => {
    const engine = new (await import('elkjs/lib/elk.bundled.js')).default();
    return { layout: (g) => engine.layout(g) }; // in-process: no worker to end
  };

  it('lays out top-down in layers, a split\'s "yes" left of its "no", from the old top-left corner', async () => {
    const p = await layoutPositions(nodes, edges, ports, elk);
    expect(Object.keys(p).sort()).toEqual(['check', 'done', 'left', 'sms', 'trigger']);
    expect(p.trigger!.y).toBeLessThan(p.check!.y);
    expect(p.check!.y).toBeLessThan(p.sms!.y);
    expect(p.sms!.y).toBe(p.left!.y);
    expect(p.sms!.y).toBeLessThan(p.done!.y);
    expect(p.sms!.x).toBeLessThan(p.left!.x); // yes, then no
    // Neighbours in a layer do not overlap (a step is 220 wide).
    expect(p.left!.x - p.sms!.x).toBeGreaterThanOrEqual(220);
    expect(Math.min(...Object.values(p).map((q) => q.x))).toBe(-300);
    expect(Math.min(...Object.values(p).map((q) => q.y))).toBe(0);
  });

  it('puts "yes" left whichever way round the document lists the steps', async () => {
    const reversed = [...nodes].reverse();
    const p = await layoutPositions(reversed, [...edges].reverse(), ports, elk);
    expect(p.sms!.x).toBeLessThan(p.left!.x);
    expect(await layoutPositions([], [], ports, elk)).toEqual({});
  });
});
