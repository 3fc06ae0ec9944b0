import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { journeySchema } from '../../engine/journey/schema';
import { flowToJourney, journeyToFlow } from '../../designer/src/model/convert';

const example = journeySchema.parse(JSON.parse(readFileSync(new URL('../../examples/journeys/payment-reminder.json', import.meta.url), 'utf8')));

describe('designer draft model ⇄ journey document', () => {
  it('round-trips the payment-reminder journey unchanged', () => {
    const { meta, nodes, edges } = journeyToFlow(example);
    expect(flowToJourney(meta, nodes, edges)).toEqual(example);
  });

  it('draws each step at its saved position, with ports as source handles', () => {
    const { nodes, edges } = journeyToFlow(example);
    expect(nodes.find((n) => n.id === 'paid')).toMatchObject({ type: 'step', position: { x: -260, y: 300 }, data: { nodeType: 'exit', config: {} } });
    expect(edges).toContainEqual({ id: 'await-payment:timeout->high-value', source: 'await-payment', sourceHandle: 'timeout', target: 'high-value' });
    expect(new Set(edges.map((e) => e.id)).size).toBe(edges.length);
  });

  it('keeps what React Flow adds (selection, sizes, drag state) out of the document', () => {
    const { meta, nodes, edges } = journeyToFlow(example);
    const touched = nodes.map((n) => ({
      ...n,
      selected: true,
      dragging: false,
      measured: { width: 220, height: 80 },
      position: { x: n.position.x + 0.4, y: n.position.y - 0.4 },
    }));
    const back = flowToJourney(
      meta,
      touched,
      edges.map((e) => ({ ...e, selected: true, animated: true })),
    );
    expect(back).toEqual(example);
    expect(JSON.stringify(back)).not.toMatch(/selected|measured|dragging|animated/);
  });

  it('does not share config objects between the canvas and the document', () => {
    const { meta, nodes, edges } = journeyToFlow(example);
    const condition = nodes.find((n) => n.id === 'high-value')!;
    (condition.data.config.conditions as { all: unknown[] }).all.length = 0;
    expect(example.nodes.find((n) => n.id === 'high-value')!.config).toEqual({
      conditions: { all: [{ fact: 'event', path: '$.data.amount', operator: 'greaterThanInclusive', value: 500 }] },
    });
    expect(flowToJourney(meta, nodes, edges).nodes.find((n) => n.id === 'high-value')!.config).toEqual({ conditions: { all: [] } });
  });

  it('lays out steps without a saved position in a column and saves where they are', () => {
    const journey = journeySchema.parse({ ...example, layout: { positions: {} } });
    const { meta, nodes, edges } = journeyToFlow(journey);
    expect(nodes.map((n) => n.position.y)).toEqual([0, 140, 280, 420, 560, 700, 840]);
    expect(flowToJourney(meta, nodes, edges).layout.positions['done']).toEqual({ x: 0, y: 840 });
  });

  it('loads a port connected twice with distinct edge ids, and saves both so the problem stays visible', () => {
    const twice = journeySchema.parse({ ...example, edges: [...example.edges, { from: 'trigger', port: 'next', to: 'await-payment' }] });
    const { meta, nodes, edges } = journeyToFlow(twice);
    expect(edges.filter((e) => e.source === 'trigger').map((e) => e.id)).toEqual(['trigger:next->await-payment', 'trigger:next->await-payment#1']);
    expect(flowToJourney(meta, nodes, edges).edges).toEqual(twice.edges);
  });
});
