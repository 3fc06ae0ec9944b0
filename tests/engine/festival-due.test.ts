import { describe, expect, it } from 'vitest';
import { createRegistry, festivalDay, festivalDueYear, festivalRuleKey, type CustomerEvent } from '../../engine/index';
import { festivalTriggerConfig } from '../../engine/nodes/builtin/trigger-festival';

const d = (text: string) => {
  const [year, month, day] = text.split('-').map(Number) as [number, number, number];
  return { year, month, day };
};
const ten = 10 * 60;

describe('festival days', () => {
  it('converts the lunar festivals per year (春节 2027 is 6 February, 中秋 2026 is 25 September)', () => {
    expect(festivalDay('spring-festival', 2027)).toEqual(d('2027-02-06'));
    expect(festivalDay('spring-festival', 2026)).toEqual(d('2026-02-17'));
    expect(festivalDay('lantern', 2027)).toEqual(d('2027-02-20'));
    expect(festivalDay('dragon-boat', 2026)).toEqual(d('2026-06-19'));
    expect(festivalDay('qixi', 2026)).toEqual(d('2026-08-19'));
    expect(festivalDay('mid-autumn', 2026)).toEqual(d('2026-09-25'));
    expect(festivalDay('mid-autumn', 2027)).toEqual(d('2027-09-15'));
    expect(festivalDay('double-ninth', 2026)).toEqual(d('2026-10-18'));
  });

  it('keeps the shopping days on their Gregorian day', () => {
    expect(festivalDay('double-11', 2026)).toEqual(d('2026-11-11'));
    expect(festivalDay('day-618', 2027)).toEqual(d('2027-06-18'));
    expect(festivalDay('day-520', 2027)).toEqual(d('2027-05-20'));
    expect(festivalDay('double-12', 2026)).toEqual(d('2026-12-12'));
  });
});

describe('when a festival rule is due', () => {
  const midAutumnEve = { festival: 'mid-autumn' as const, daysBefore: 1, at: '10:00' };

  it('on its day less daysBefore, from its hour on, naming the festival year', () => {
    expect(festivalDueYear(midAutumnEve, d('2026-09-24'), ten)).toBe(2026);
    expect(festivalDueYear(midAutumnEve, d('2026-09-24'), 23 * 60)).toBe(2026);
    expect(festivalDueYear(midAutumnEve, d('2026-09-24'), ten - 1)).toBeNull();
    expect(festivalDueYear(midAutumnEve, d('2026-09-25'), ten)).toBeNull();
    expect(festivalDueYear(midAutumnEve, d('2027-09-14'), ten)).toBe(2027);
  });

  it('a festival early next year is due in December with days before it', () => {
    // 春节 2027 is 6 February: 45 days before is 23 December 2026.
    expect(festivalDueYear({ festival: 'spring-festival', daysBefore: 45, at: '09:00' }, d('2026-12-23'), 9 * 60)).toBe(2027);
  });

  it('the trigger accepts only its own rule and enters once per festival year', async () => {
    const def = createRegistry().get('trigger.festival', 1)!;
    const config = festivalTriggerConfig.parse({ festival: 'mid-autumn', daysBefore: 1 });
    expect(config).toEqual(midAutumnEve);
    const event = (rule: string): CustomerEvent => ({
      id: 'e',
      type: 'calendar.due',
      customerId: 'c',
      occurredAt: '2026-09-24T02:05:00Z',
      data: { rule, on: '2026-09-24', year: 2026 },
    });
    if (def.behaviour.kind !== 'trigger') throw new Error('not a trigger');
    expect(await def.behaviour.accepts(config, event(festivalRuleKey(midAutumnEve)), {} as never)).toBe(true);
    expect(await def.behaviour.accepts(config, event('festival:mid-autumn:0:10:00'), {} as never)).toBe(false);
    expect(def.behaviour.entryKey?.(config, event(festivalRuleKey(midAutumnEve)))).toBe('2026');
  });

  it('refuses a minute other than :00 and more than 60 days before', () => {
    expect(festivalTriggerConfig.safeParse({ at: '10:30' }).success).toBe(false);
    expect(festivalTriggerConfig.safeParse({ daysBefore: 61 }).success).toBe(false);
  });
});

describe('the festival trigger in the node types the designer reads (GET /api/node-types)', () => {
  it('is a trigger with labels in both languages, its default config and the festivals to choose from', () => {
    const described = createRegistry()
      .describe()
      .find((d) => d.type === 'trigger.festival');
    expect(described).toMatchObject({
      category: 'trigger',
      behaviour: 'trigger',
      ports: ['next'],
      defaultConfig: { festival: 'mid-autumn', daysBefore: 0, at: '10:00' },
      labels: { 'zh-CN': { title: '节日触发' }, en: { title: 'Festival trigger' } },
    });
    const festivalField = (described!.configSchema as { properties: Record<string, { enum?: string[] }> }).properties.festival!;
    expect(festivalField.enum).toEqual([
      'spring-festival',
      'lantern',
      'dragon-boat',
      'qixi',
      'mid-autumn',
      'double-ninth',
      'day-520',
      'day-618',
      'double-11',
      'double-12',
    ]);
  });
});
