import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { journeySchema } from '../../engine/journey/schema';
import { useStore } from '../../designer/src/store';
import { HISTORY_LIMIT, setHistoryClock } from '../../designer/src/store/history';

/** Undo and redo on the designer's real store: every document edit is a step, selection is not. */
describe('designer: undo / redo history', () => {
  let now = 1_000_000;
  setHistoryClock(() => now);
  afterAll(() => setHistoryClock(() => Date.now()));

  const s = () => useStore.getState();
  const positions = () => Object.fromEntries(s().nodes.map((n) => [n.id, n.position]));

  beforeEach(() => {
    now += 60_000;
    const journey = journeySchema.parse({
      id: 'j-history',
      name: 'History',
      nodes: [
        { id: 'trigger', type: 'trigger.event', config: { eventType: 'order.created' } },
        { id: 'done', type: 'exit', config: {} },
      ],
      edges: [],
      layout: { positions: { trigger: { x: 0, y: 0 }, done: { x: 0, y: 200 } } },
    });
    s().openJourney(journey, false);
  });

  it('undoes and redoes add, connect, config change, rename and delete, one step each', () => {
    const added = s().addNode('wait', { duration: 'PT1H' }, { x: 0, y: 100 });
    s().connect({ source: 'trigger', sourceHandle: 'next', target: added, targetHandle: null });
    now += 5_000;
    s().updateConfig(added, { duration: 'PT2H' });
    now += 5_000;
    s().rename('History 2');
    now += 5_000;
    s().removeNode(added);
    expect(s().past).toHaveLength(5);

    s().undo(); // delete
    expect(s().nodes.map((n) => n.id)).toContain(added);
    expect(s().edges.map((e) => e.target)).toEqual([added]);
    s().undo(); // rename
    expect(s().meta!.name).toBe('History');
    s().undo(); // config
    expect(s().nodes.find((n) => n.id === added)!.data.config).toEqual({ duration: 'PT1H' });
    s().undo(); // connect
    expect(s().edges).toEqual([]);
    s().undo(); // add
    expect(s().nodes.map((n) => n.id)).toEqual(['trigger', 'done']);
    expect(s().past).toHaveLength(0);
    s().undo(); // nothing left: no change
    expect(s().nodes).toHaveLength(2);

    s().redo();
    s().redo();
    expect(s().edges.map((e) => `${e.source}:${e.sourceHandle}->${e.target}`)).toEqual([`trigger:next->${added}`]);
    expect(s().future).toHaveLength(3);
    expect(s().dirty).toBe(true);

    // A new edit after undo drops what could be redone.
    s().rename('Other');
    expect(s().future).toEqual([]);
  });

  it('makes one step of a whole drag, and another of the next drag', () => {
    const drag = (x: number, y: number, dragging: boolean) => s().onNodesChange([{ type: 'position', id: 'done', position: { x, y }, dragging }]);
    for (let i = 1; i <= 10; i++) drag(i * 10, 200, true);
    drag(100, 200, false);
    expect(s().past).toHaveLength(1);
    for (let i = 1; i <= 5; i++) drag(100, 200 + i * 10, true);
    drag(100, 250, false);
    expect(s().past).toHaveLength(2);
    expect(positions().done).toEqual({ x: 100, y: 250 });
    s().undo();
    expect(positions().done).toEqual({ x: 100, y: 200 });
    s().undo();
    expect(positions().done).toEqual({ x: 0, y: 200 });
  });

  it('joins typing into one step while the pauses are short, and not across steps', () => {
    const id = s().addNode('wait', { duration: 'PT1H' }, { x: 0, y: 100 });
    for (const d of ['PT1', 'PT12', 'PT12H']) {
      now += 300;
      s().updateConfig(id, { duration: d });
    }
    expect(s().past).toHaveLength(2); // add, typing
    now += 3_000;
    s().updateConfig(id, { duration: 'PT13H' });
    expect(s().past).toHaveLength(3);
    s().undo();
    expect(s().nodes.find((n) => n.id === id)!.data.config).toEqual({ duration: 'PT12H' });
    s().undo();
    expect(s().nodes.find((n) => n.id === id)!.data.config).toEqual({ duration: 'PT1H' });
  });

  it('does not count selection as a step, and keeps the selection across undo', () => {
    s().selectNode('done');
    s().onNodesChange([{ type: 'select', id: 'trigger', selected: true }]);
    expect(s().past).toEqual([]);
    s().rename('Renamed');
    s().undo();
    expect(s().meta!.name).toBe('History');
    expect(
      s()
        .nodes.filter((n) => n.selected)
        .map((n) => n.id)
        .sort(),
    ).toEqual(['done', 'trigger']);
  });

  it('deletes a step and its edges as one step, as the Delete key reports them in two batches', () => {
    s().connect({ source: 'trigger', sourceHandle: 'next', target: 'done', targetHandle: null });
    const edge = s().edges[0]!.id;
    now += 5_000;
    s().onNodesChange([{ type: 'remove', id: 'done' }]);
    s().onEdgesChange([{ type: 'remove', id: edge }]);
    expect(s().past).toHaveLength(2);
    s().undo();
    expect(s().nodes.map((n) => n.id)).toEqual(['trigger', 'done']);
    expect(s().edges.map((e) => e.id)).toEqual([edge]);
  });

  it('keeps at most HISTORY_LIMIT steps and forgets them when another journey opens', () => {
    for (let i = 0; i < HISTORY_LIMIT + 20; i++) {
      now += 5_000;
      s().rename(`Name ${i}`);
    }
    expect(s().past).toHaveLength(HISTORY_LIMIT);
    for (let i = 0; i < HISTORY_LIMIT; i++) s().undo();
    expect(s().meta!.name).toBe('Name 19');

    s().openJourney(journeySchema.parse({ id: 'j-other', name: 'Other', nodes: [] }), false);
    expect(s().past).toEqual([]);
    expect(s().future).toEqual([]);
    s().undo();
    expect(s().meta!.name).toBe('Other');
  });

  it('moves many steps as one step (auto-layout) and reconnects an edge as one step', () => {
    s().connect({ source: 'trigger', sourceHandle: 'next', target: 'done', targetHandle: null });
    const id = s().addNode('exit', {}, { x: 300, y: 200 });
    const before = s().past.length;
    s().setPositions({ trigger: { x: 50, y: 0 }, done: { x: 50, y: 150 }, [id]: { x: 300, y: 150 } });
    expect(s().past).toHaveLength(before + 1);
    s().setPositions({ trigger: { x: 50, y: 0 } }); // nothing moves: no step
    expect(s().past).toHaveLength(before + 1);

    s().reconnect(s().edges[0]!, { source: 'trigger', sourceHandle: 'next', target: id, targetHandle: null });
    expect(s().edges.map((e) => e.target)).toEqual([id]);
    s().undo();
    expect(s().edges.map((e) => e.target)).toEqual(['done']);
    s().undo();
    expect(positions()).toEqual({ trigger: { x: 0, y: 0 }, done: { x: 0, y: 200 }, [id]: { x: 300, y: 200 } });
  });
});
