import type { SeedCustomer } from './stored-audience';

/** The snapshot's asOf: stage, recency and days to birthday are derived from it. */
export const asOf = '2026-11-10T16:00:00.000Z';
const daysBefore = (days: number) => new Date(Date.parse(asOf) - days * 86_400_000).toISOString();

/**
 * Values of the attribute `v`, as stored JSON text: every JSON type, numbers JavaScript reads
 * differently from their text (beyond a double's range or precision), strings JavaScript's
 * comparisons read as numbers and ones they do not, dates Date.parse rolls over or reads in
 * other formats.
 */
export const attributeValues = [
  '0',
  '5',
  '-5',
  '2.5',
  '10',
  '180.5',
  '1e300',
  '-0',
  '0.10000000000000000001',
  '1e400',
  '1e-400',
  '1.7976931348623157e308',
  '1.79769313486231581e308',
  '"5"',
  '" 5"',
  '"5abc"',
  '"0x10"',
  '""',
  '"1e3"',
  '".5"',
  '"5."',
  '"+5"',
  '"5.e1"',
  '"abc"',
  '"Infinity"',
  '"中文"',
  '"vip"',
  '"active"',
  '"ab"',
  'true',
  'false',
  'null',
  '[]',
  '[5]',
  '["a","b"]',
  '[1,"a",null,true]',
  '[[5]]',
  '["5"]',
  '{}',
  '{"a":{"b":1}}',
  '{"a":"x"}',
  '"2026-06-01T00:00:00.000Z"',
  '"2026-02-30T00:00:00.000Z"',
  '"2024-02-29T12:00:00.000Z"',
  '"2026-06-01"',
  '"2026-06-01T08:00:00+08:00"',
  '"0000-01-01T00:00:00.000Z"',
];

const tagSets = [[], ['a'], ['a', '油性肤质'], ['b'], ['vip', 'ab']];
const tiers = ['ordinary', 'senior', 'vip', 'supreme'];
const lastOrders = [1, 50, 100, 200, null];
const regions = ['华东', '华北', null];

/** One customer per attribute value, plus one without `v`; two in three with a facts row of varied values. */
export function fixtureCustomers(): SeedCustomer[] {
  const values = [...attributeValues, undefined];
  return values.map((v, i) => {
    const last = lastOrders[i % lastOrders.length] ?? null;
    const attributes = new Map<string, string>();
    if (v !== undefined) attributes.set('v', v);
    // A profile field left empty reads the attribute of its name.
    if (i % 4 === 1) attributes.set('name', i % 8 === 1 ? '"属性名"' : '5');
    if (i % 6 === 0) attributes.set('o', '{"a":{"b":"deep"}}');
    // An own toString makes the engine's number check throw (String() of the object fails).
    if (i === 7) attributes.set('w', '{"toString":1}');
    if (i === 9) attributes.set('toString', '"x"');
    const json = `{${[...attributes].map(([k, x]) => `"${k}":${x}`).join(',')}}`;
    return {
      id: `c${String(i).padStart(3, '0')}`,
      fields: { name: i % 4 === 0 ? `客户${i}` : i % 4 === 2 ? 'ab' : null, region: regions[i % 3] ?? null, timezone: i % 5 === 0 ? 'Asia/Shanghai' : null },
      attributes: json,
      ...(i % 3 === 2
        ? {}
        : {
            facts: {
              orderCount: last === null ? 0 : 1 + (i % 7),
              totalCents: last === null ? 0 : [18050, 30, 123456789, 99, 100000][i % 5]!,
              frequency: last === null ? 0 : i % 6,
              monetaryCents: last === null ? 0 : [18050, 0, 7, 55555][i % 4]!,
              firstAt: last === null ? null : daysBefore(last + 300 + i),
              lastAt: last === null ? null : daysBefore(last),
              tier: tiers[i % 4]!,
              tags: tagSets[i % tagSets.length]!,
              birthdayMd: i % 4 === 3 ? null : ['02-29', '11-11', '01-01'][i % 3]!,
              zone: i % 5 === 1 ? 'America/New_York' : null,
              asOf: i % 7 === 3 ? daysBefore(2) : null,
            },
          }),
    };
  });
}
