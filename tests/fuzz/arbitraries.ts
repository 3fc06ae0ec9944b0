import fc from 'fast-check';
import { createRegistry, factCatalog, operatorNames } from '../../engine/index';

/**
 * Generators of what users send: journey documents (well-formed ones built to validate, and broken
 * ones), conditions, events, CSV files and query strings. Values come from small pools of likely
 * and hostile choices, mixed with anything fast-check makes.
 */

const registry = createRegistry();
const nodeTypes = registry.list();
const triggerTypes = nodeTypes.filter((d) => d.category === 'trigger').map((d) => d.type);
const stepTypes = nodeTypes.filter((d) => d.category !== 'trigger' && d.type !== 'exit').map((d) => d.type);

export const eventTypes = [
  'order.created',
  'order.paid',
  'order.shipped',
  'order.refunded',
  'customer.updated',
  'page.viewed',
  'calendar.due',
  '',
  '订单.创建',
];
const hostileStrings = [
  '',
  ' ',
  '__proto__',
  'constructor',
  'toString',
  '{{',
  '{{customer.name}}',
  '{{#each}}',
  '\u0000',
  '😀',
  'a'.repeat(300),
  '$..*',
  '$[',
  '-1',
  'NaN',
  '1e309',
];

export const hostileString = fc.oneof(fc.constantFrom(...hostileStrings), fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }));
/** Any JSON value, a few levels deep. */
export const anyJson = fc.jsonValue({ maxDepth: 4 });
const scalar = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), hostileString, fc.constantFrom(0, -1, 1e308, Number.MAX_SAFE_INTEGER));

const durations = fc.constantFrom('PT1S', 'PT1M', 'PT25M', 'PT1H', 'P1D', 'P7D', 'P1M', 'P400D', 'PT0S', 'P', 'forever', '-PT1H', 'P99999Y');
const timeZones = fc.constantFrom('Asia/Shanghai', 'UTC', 'America/New_York', 'Not/AZone', '', '+08:00');
const factNames = factCatalog.map((f) => f.name);

/** A rule tree: mostly catalog facts and operators, sometimes anything. */
export const condition: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  leaf: fc.record(
    {
      fact: fc.oneof(fc.constantFrom(...factNames), hostileString),
      operator: fc.oneof(fc.constantFrom(...operatorNames), hostileString),
      value: fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), anyJson),
      path: fc.constantFrom('$.data.amount', '$.data.orderId', '$.type', '$..*', '$[', 'data.amount', '$.a.b.c'),
    },
    { requiredKeys: ['fact', 'operator', 'value'] },
  ),
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('leaf'),
    fc.record({ all: fc.array(tie('node'), { maxLength: 3 }) }),
    fc.record({ any: fc.array(tie('node'), { maxLength: 3 }) }),
    fc.record({ not: tie('node') }),
  ),
})).node;

/** A node's config: its defaults, likely values for the keys node types have, or anything. */
const config = fc.oneof(
  fc.constant({}),
  fc.record(
    {
      duration: durations,
      timeout: durations,
      eventType: fc.constantFrom(...eventTypes),
      sameOrder: fc.boolean(),
      channel: fc.constantFrom('sms', 'email', 'task', 'wechat', ''),
      template: fc.oneof(fc.constant('您好 {{customer.name}}，订单 {{order.id}}'), hostileString),
      subject: hostileString,
      conditions: condition,
      percent: fc.oneof(fc.integer({ min: -10, max: 110 }), fc.double()),
      tag: hostileString,
      time: fc.constantFrom('09:00', '25:00', '', 'noon'),
      url: fc.constantFrom('https://example.com/hook', 'http://127.0.0.1/', 'file:///etc/passwd', 'not a url'),
    },
    { requiredKeys: [] },
  ),
  fc.dictionary(hostileString, anyJson, { maxKeys: 3 }),
);

interface GeneratedJourney {
  id: string;
  name: string;
  nodes: { id: string; type: string; config: unknown }[];
  edges: { from: string; port: string; to: string }[];
  settings?: unknown;
}

/**
 * A journey that has a fair chance to validate: a trigger, a chain of steps ending in an exit;
 * every port leads forward, or back to a wait (so loops contain one); configs are mostly defaults.
 */
export const wellFormedJourney: fc.Arbitrary<GeneratedJourney> = fc
  .record({
    trigger: fc.constantFrom(...triggerTypes),
    triggerConfig: fc.oneof(fc.record({ eventType: fc.constantFrom('order.created', 'order.paid') }), config),
    steps: fc.array(
      fc.record({ type: fc.constantFrom(...stepTypes), config: fc.oneof({ weight: 3, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: config }) }),
      { minLength: 1, maxLength: 7 },
    ),
    choices: fc.array(fc.nat(), { minLength: 40, maxLength: 40 }),
    exitWhen: fc.array(fc.record({ eventType: fc.constantFrom(...eventTypes) }), { maxLength: 2 }),
    timezone: timeZones,
  })
  .map(({ trigger, triggerConfig, steps, choices, exitWhen, timezone }) => {
    const nodes = [
      { id: 'n0', type: trigger, config: triggerConfig as unknown },
      ...steps.map((s, i) => ({ id: `n${i + 1}`, type: s.type, config: s.config as unknown })),
      { id: 'end', type: 'exit', config: {} },
    ];
    const edges: GeneratedJourney['edges'] = [];
    let pick = 0;
    const choose = (n: number) => choices[pick++ % choices.length]! % n;
    nodes.forEach((node, i) => {
      const def = registry.get(node.type);
      if (!def || node.type === 'exit') return;
      const parsed = def.config.safeParse(node.config);
      const ports = parsed.success ? def.ports(parsed.data) : ['next'];
      ports.forEach((port, p) => {
        const waitsBefore = nodes.slice(1, i + 1).filter((n) => registry.get(n.type)?.category === 'wait');
        const forward = nodes.slice(i + 1);
        const back = p > 0 && waitsBefore.length > 0 && choose(4) === 0;
        const to = p === 0 ? nodes[i + 1]! : back ? waitsBefore[choose(waitsBefore.length)]! : forward[choose(forward.length)]!;
        edges.push({ from: node.id, port, to: to.id });
      });
    });
    return { id: 'fuzz-journey', name: 'Fuzz journey', nodes, edges, settings: { timezone, exitWhen } };
  });

/** A well-formed journey with something broken or replaced at random. */
export const brokenJourney: fc.Arbitrary<unknown> = fc.oneof(
  anyJson,
  fc.tuple(wellFormedJourney, fc.nat(), anyJson).map(([journey, at, value]) => {
    const doc = structuredClone(journey) as unknown as Record<string, unknown>;
    const targets: [Record<string, unknown> | unknown[], string | number][] = [
      [doc, 'id'],
      [doc, 'nodes'],
      [doc, 'edges'],
      [doc, 'settings'],
      [doc, 'schemaVersion'],
      ...journey.nodes.flatMap((_, i) => [
        [doc.nodes as unknown[], i] as [unknown[], number],
        [(doc.nodes as Record<string, unknown>[])[i]!, 'config'] as [Record<string, unknown>, string],
        [(doc.nodes as Record<string, unknown>[])[i]!, 'type'] as [Record<string, unknown>, string],
        [(doc.nodes as Record<string, unknown>[])[i]!, 'id'] as [Record<string, unknown>, string],
      ]),
      ...journey.edges.map((_, i) => [doc.edges as unknown[], i] as [unknown[], number]),
    ];
    const [container, key] = targets[at % targets.length]!;
    (container as Record<string | number, unknown>)[key] = value;
    return doc;
  }),
  fc.tuple(wellFormedJourney, fc.integer({ min: 65, max: 400 })).map(([journey, levels]) => {
    // Nesting past the limit somewhere inside a condition.
    let c: unknown = { fact: 'event', operator: 'equal', value: 1 };
    for (let i = 0; i < levels; i++) c = { any: [c] };
    journey.nodes.push({ id: 'deep', type: 'condition', config: { conditions: c } });
    return journey;
  }),
);

const instantIn2026 = fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-02-01T00:00:00Z') }).map((t) => new Date(t).toISOString());
const orderData = fc.record(
  {
    orderId: fc.oneof(fc.constantFrom('o-1', 'o-2'), hostileString),
    amount: fc.oneof(fc.integer({ min: 0, max: 2000 }), scalar),
    items: fc.array(anyJson, { maxLength: 2 }),
  },
  { requiredKeys: [] },
);

/** What a customer does, as the simulator takes it. */
export const simulatedEvents = fc.array(fc.record({ at: instantIn2026, type: fc.constantFrom(...eventTypes), data: orderData }), {
  minLength: 1,
  maxLength: 12,
});

/** A customer event as POST /api/events takes it: mostly well-formed, sometimes anything. */
export const customerEvent: fc.Arbitrary<unknown> = fc.oneof(
  fc.record(
    {
      id: fc.oneof(fc.uuid(), hostileString),
      type: fc.oneof(fc.constantFrom(...eventTypes), hostileString),
      customerId: fc.oneof(fc.constantFrom('c-1', 'c-2'), hostileString),
      occurredAt: fc.oneof(
        instantIn2026,
        fc.constantFrom('yesterday', '2026-13-45T99:00:00Z', '', '0'),
        fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? 'Invalid Date' : d.toISOString())),
      ),
      data: fc.oneof(orderData, fc.dictionary(hostileString, anyJson, { maxKeys: 4 }), anyJson),
    },
    { requiredKeys: [] },
  ),
  anyJson,
);

export const customer = fc.record(
  {
    id: fc.oneof(fc.constant('c-1'), hostileString),
    name: hostileString,
    phone: fc.constantFrom('13800001234', '', '+1 555', 'x'),
    timezone: timeZones,
    facts: fc.dictionary(fc.oneof(fc.constantFrom(...factNames), hostileString), scalar, { maxKeys: 5 }),
  },
  { requiredKeys: ['id'] },
);

const csvCell = fc.oneof(
  fc.constantFrom(
    '',
    'c-1',
    'o-1',
    '2026-11-11T20:00:00+08:00',
    '2026-11-11',
    '128.50',
    '-3',
    'paid',
    'created',
    'Asia/Shanghai',
    '1990-02-30',
    'a;b;c',
    '"quoted, with comma"',
    '"unclosed',
    'x"y',
    '\t',
    '=CMD()',
  ),
  hostileString,
);
const csvColumns = [
  'customer_id',
  'order_id',
  'product_id',
  'status',
  'created_at',
  'paid_at',
  'amount',
  'discount',
  'product_ids',
  'name',
  'phone',
  'email',
  'birthday',
  'timezone',
  'region',
  'category',
  'tags',
  'extra',
  '',
  'amount',
];

/** A CSV file: a header of known and odd columns, rows of likely and hostile cells, odd line ends. */
export const csvFile = fc
  .record({
    header: fc.array(fc.oneof(fc.constantFrom(...csvColumns), hostileString), { minLength: 0, maxLength: 8 }),
    rows: fc.array(fc.array(csvCell, { maxLength: 9 }), { maxLength: 12 }),
    newline: fc.constantFrom('\n', '\r\n', '\r'),
    bom: fc.boolean(),
  })
  .map(({ header, rows, newline, bom }) => (bom ? '\uFEFF' : '') + [header, ...rows].map((r) => r.join(',')).join(newline));

const queryKeys = [
  'limit',
  'offset',
  'cursor',
  'search',
  'q',
  'customerId',
  'journeyId',
  'status',
  'channel',
  'from',
  'to',
  'since',
  'until',
  'asOf',
  'tag',
  'segment',
  'locale',
  'days',
  'stage',
  'sort',
  'order',
];
const queryValue = fc.oneof(
  fc.constantFrom(
    '',
    '0',
    '-1',
    '1',
    '50',
    '1000000',
    '1e9',
    'NaN',
    'true',
    '2026-11-11',
    '2026-11-11T20:00:00+08:00',
    'zh-CN',
    'sent',
    '%',
    '%zz',
    '[]',
    '{}',
    '__proto__',
  ),
  hostileString.map(encodeURIComponent),
);
/** A query string: known parameter names with likely and hostile values, repeated keys, junk. */
export const queryString = fc
  .array(
    fc.tuple(
      fc.oneof(fc.constantFrom(...queryKeys), hostileString.map(encodeURIComponent), fc.constantFrom('a[b]', 'a[]', '__proto__', 'constructor[prototype]')),
      queryValue,
    ),
    { maxLength: 40 },
  )
  .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'));
