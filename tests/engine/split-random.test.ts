import { describe, expect, it } from 'vitest';
import { createRegistry, validateJourney, type DecideContext } from '../../engine/index';
import { journeyDocument, located, type NodeInput } from './fixtures';

const registry = createRegistry();
const def = registry.require('split.random');

async function assign(config: Record<string, unknown>, ctx: DecideContext): Promise<string> {
  if (def.behaviour.kind !== 'decide') throw new Error('not a decision');
  return def.behaviour.decide(def.config.parse(config), {}, ctx);
}

/** How 10 000 customers c-0 … c-9999 are spread, as percentages per port. */
async function spread(config: Record<string, unknown>, journeyId = 'welcome', nodeId = 'split'): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (let i = 0; i < 10_000; i++) {
    const port = await assign(config, { journeyId, nodeId, customerId: `c-${i}` });
    counts[port] = (counts[port] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).map(([k, n]) => [k, n / 100]));
}

function expectShares(actual: Record<string, number>, expected: Record<string, number>) {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const [port, share] of Object.entries(expected)) {
    expect(Math.abs(actual[port]! - share), `${port}: ${actual[port]}% for ${share}%`).toBeLessThanOrEqual(2);
  }
}

describe('split.random: stable per customer, spread by weight', () => {
  const abc = {
    arms: [
      { key: 'a', weight: 50 },
      { key: 'b', weight: 30 },
      { key: 'c', weight: 20 },
    ],
  };

  it('gives the same customer the same arm every time in the same journey node', async () => {
    const ctx = { journeyId: 'welcome', nodeId: 'split', customerId: 'c-42' };
    const first = await assign(abc, ctx);
    for (let i = 0; i < 20; i++) expect(await assign(abc, ctx)).toBe(first);
  });

  it('draws again for another node or journey: not every customer gets the same arm there', async () => {
    const ids = Array.from({ length: 200 }, (_, i) => `c-${i}`);
    const here = await Promise.all(ids.map((customerId) => assign(abc, { journeyId: 'welcome', nodeId: 'split', customerId })));
    const other = await Promise.all(ids.map((customerId) => assign(abc, { journeyId: 'welcome', nodeId: 'split-2', customerId })));
    const same = here.filter((p, i) => p === other[i]).length;
    expect(same).toBeGreaterThan(40);
    expect(same).toBeLessThan(160);
  });

  it('spreads 10 000 customers within 2 points of the weights', async () => {
    expectShares(await spread(abc), { a: 50, b: 30, c: 20 });
    expectShares(
      await spread(
        {
          arms: [
            { key: 'x', weight: 1 },
            { key: 'y', weight: 1 },
          ],
        },
        'other-journey',
        'n7',
      ),
      { x: 50, y: 50 },
    );
  });

  it('keeps the holdout share out and splits the rest by weight', async () => {
    // 10% holdout; the 90% left split 50/50 → 45 each.
    expectShares(
      await spread({
        arms: [
          { key: 'a', weight: 50 },
          { key: 'b', weight: 50 },
        ],
        holdoutPercent: 10,
      }),
      { holdout: 10, a: 45, b: 45 },
    );
    expectShares(await spread({ arms: [{ key: 'only', weight: 1 }], holdoutPercent: 50 }), { holdout: 50, only: 50 });
  });

  it('sends nobody down an arm of weight 0', async () => {
    expectShares(
      await spread({
        arms: [
          { key: 'a', weight: 0 },
          { key: 'b', weight: 1 },
        ],
      }),
      { b: 100 },
    );
  });

  it('has a holdout port only with a holdout', () => {
    expect(def.ports(def.config.parse(abc))).toEqual(['a', 'b', 'c']);
    expect(def.ports(def.config.parse({ ...abc, holdoutPercent: 5 }))).toEqual(['a', 'b', 'c', 'holdout']);
  });
});

describe('split.random validation', () => {
  function journey(
    holdoutTo: NodeInput | undefined,
    config: Record<string, unknown> = {
      arms: [
        { key: 'a', weight: 1 },
        { key: 'b', weight: 1 },
      ],
      holdoutPercent: 10,
    },
  ) {
    const nodes: NodeInput[] = [
      { id: 'start', type: 'trigger.event' },
      { id: 'split', type: 'split.random', config },
      { id: 'sms', type: 'message.send', config: { channel: 'sms', template: '您好' } },
      { id: 'done', type: 'exit' },
    ];
    const edges: [string, string, string][] = [
      ['start', 'next', 'split'],
      ['split', 'a', 'sms'],
      ['split', 'b', 'done'],
      ['sms', 'next', 'done'],
    ];
    if (holdoutTo) {
      if (!nodes.some((n) => n.id === holdoutTo.id)) nodes.push(holdoutTo);
      edges.push(['split', 'holdout', holdoutTo.id]);
    }
    return journeyDocument(nodes, edges);
  }

  it('accepts a holdout that leads straight to an exit', () => {
    expect(validateJourney(journey({ id: 'held-out', type: 'exit' }), registry).problems).toEqual([]);
  });

  it('reports a holdout that leads to anything but an exit, at the edge, in both languages', () => {
    const doc = journey({ id: 'sms', type: 'message.send' });
    const en = validateJourney(doc, registry, 'en').problems;
    expect(located(en)).toEqual([{ code: 'port_must_exit', path: 'edges[4].to', nodeId: 'split' }]);
    expect(en[0]!.message).toBe(
      'The "holdout" output of step "split" must lead straight to an exit: customers there receive nothing and are counted by that exit.',
    );
    expect(validateJourney(doc, registry, 'zh-CN').problems[0]!.message).toBe(
      '步骤“split”的“holdout”出口必须直接连到“结束”：这些客户不接收任何内容，由该结束步骤统计人数。',
    );
  });

  it('reports an unconnected holdout, and a holdout edge without a holdout as an unknown port', () => {
    expect(located(validateJourney(journey(undefined), registry).problems)).toEqual([{ code: 'unconnected_port', path: 'nodes[1]', nodeId: 'split' }]);
    const noHoldout = journey(
      { id: 'held-out', type: 'exit' },
      {
        arms: [
          { key: 'a', weight: 1 },
          { key: 'b', weight: 1 },
        ],
      },
    );
    expect(located(validateJourney(noHoldout, registry).problems)).toEqual([{ code: 'unknown_port', path: 'edges[4].port', nodeId: 'split' }]);
  });

  it('refuses a holdout above 50%, all-zero weights and repeated keys', () => {
    const bad = (config: Record<string, unknown>) => def.config.safeParse(config).error?.issues.map((i) => [i.path.join('.'), i.message]);
    expect(bad({ holdoutPercent: 60 })).toEqual([['holdoutPercent', 'holdoutPercent is 0 to 50']]);
    expect(bad({ arms: [{ key: 'a', weight: 0 }] })).toEqual([['arms', 'give at least one arm a weight above 0']]);
    expect(
      bad({
        arms: [
          { key: 'a', weight: 1 },
          { key: 'a', weight: 2 },
        ],
      }),
    ).toEqual([['arms.1.key', 'the key "a" is used twice; keys must differ']]);
  });
});
