import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { customFormats, widgetForFormat } from '../../designer/src/editor/inputs/formats';
import { formSchema, formUiSchema } from '../../designer/src/editor/schemaForm';
import { joinDuration, splitDuration } from '../../designer/src/model/duration-input';
import { commonZones, zoneOptions } from '../../designer/src/model/time-zones';
import { createRegistry, type NodeDefinition } from '../../engine/index';
import dingTalkRobot from '../../plugins/dingtalk-robot/index';
import { durationToMs } from '../../engine/journey/duration';
import { templateField } from '../../engine/templates/field';
import { localDateTimeSchema, timeOfDaySchema } from '../../engine/time/schemas';

describe('duration input: number and unit to ISO 8601 and back', () => {
  it('writes what the schema stores', () => {
    expect(joinDuration(2, 'days')).toBe('P2D');
    expect(joinDuration(25, 'minutes')).toBe('PT25M');
    expect(joinDuration(3, 'hours')).toBe('PT3H');
    for (const iso of ['P2D', 'PT25M', 'PT3H']) expect(durationToMs(iso)).toBeGreaterThan(0);
  });

  it('refuses what is not a positive whole number', () => {
    expect(joinDuration(0, 'days')).toBeNull();
    expect(joinDuration(-1, 'hours')).toBeNull();
    expect(joinDuration(1.5, 'hours')).toBeNull();
    expect(joinDuration(Number.NaN, 'minutes')).toBeNull();
  });

  it('reads a stored duration in the largest unit that shows it exactly', () => {
    expect(splitDuration('P2D')).toEqual({ amount: 2, unit: 'days' });
    expect(splitDuration('PT48H')).toEqual({ amount: 2, unit: 'days' });
    expect(splitDuration('P1W')).toEqual({ amount: 7, unit: 'days' });
    expect(splitDuration('PT90M')).toEqual({ amount: 90, unit: 'minutes' });
    expect(splitDuration('PT1H30M')).toEqual({ amount: 90, unit: 'minutes' });
    expect(splitDuration('PT2H')).toEqual({ amount: 2, unit: 'hours' });
    expect(splitDuration('P1DT12H')).toEqual({ amount: 36, unit: 'hours' });
  });

  it('leaves alone what it cannot show: seconds, months, zero, not a duration', () => {
    for (const v of ['PT30S', 'PT1M30S', 'P1M', 'P1Y', 'PT0M', 'P', 'PT', '2 days', '']) expect(splitDuration(v), v).toBeNull();
  });

  it('round-trips', () => {
    for (const iso of ['P1D', 'P3D', 'PT25M', 'PT2H', 'P30D']) {
      const s = splitDuration(iso)!;
      expect(joinDuration(s.amount, s.unit)).toBe(iso);
    }
  });
});

describe('time zone picker options', () => {
  const all = ['Europe/Berlin', 'Asia/Shanghai', 'America/New_York', 'Asia/Hong_Kong', 'Africa/Abidjan', 'Asia/Taipei', 'Asia/Singapore'];

  it('lists the common shop zones first, then the rest alphabetically', () => {
    const zones = zoneOptions(all, 'zh-CN').map((o) => o.zone);
    expect(zones.slice(0, 4)).toEqual(['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'Asia/Macau']);
    expect(zones.slice(commonZones.length)).toEqual(['Africa/Abidjan', 'Europe/Berlin']);
    expect(new Set(zones).size).toBe(zones.length);
  });

  it('searches by zone name (underscore as space) and by the label in the UI language', () => {
    expect(zoneOptions(all, 'zh-CN', '香港').map((o) => o.zone)).toEqual(['Asia/Hong_Kong']);
    expect(zoneOptions(all, 'en', 'hong kong').map((o) => o.zone)).toEqual(['Asia/Hong_Kong']);
    expect(zoneOptions(all, 'en', 'berl').map((o) => o.zone)).toEqual(['Europe/Berlin']);
    expect(zoneOptions(all, 'en', 'nowhere')).toEqual([]);
  });

  it('every common zone is one the runtime knows', () => {
    for (const c of commonZones) expect(() => new Intl.DateTimeFormat('en', { timeZone: c.zone })).not.toThrow();
  });
});

describe('friendly inputs are chosen by JSON Schema format', () => {
  const described = createRegistry().describe();
  const ui = (type: string) => {
    const d = described.find((x) => x.type === type)!;
    return formUiSchema(formSchema(d.configSchema));
  };

  it('built-in steps get them for their durations, times, dates, weekdays and messages', () => {
    expect(ui('wait').duration?.['ui:widget']).toBe('duration');
    expect(ui('wait.event').timeout?.['ui:widget']).toBe('duration');
    expect(ui('wait.window')).toMatchObject({ from: { 'ui:widget': 'timeOfDay' }, to: { 'ui:widget': 'timeOfDay' }, weekdays: { 'ui:widget': 'weekdays' } });
    expect(ui('wait.date').at?.['ui:widget']).toBe('timeOfDay');
    expect(ui('wait.until').dateTime?.['ui:widget']).toBe('localDateTime');
    expect(ui('trigger.broadcast').at?.['ui:widget']).toBe('localDateTime');
    expect(ui('message.send').template?.['ui:widget']).toBe('template');
    expect(ui('task.create').note?.['ui:widget']).toBe('template');
    // The channel stays a select; the subject a plain line.
    expect(ui('message.send').channel?.['ui:widget']).toBeUndefined();
    expect(ui('message.send').subject?.['ui:widget']).toBeUndefined();
  });

  it("a plugin's fields get them by declaring the same formats", () => {
    const schema = formSchema(
      z.toJSONSchema(
        z.object({
          text: templateField(300),
          opensAt: timeOfDaySchema,
          sendAt: localDateTimeSchema,
          zone: z.string().meta({ format: 'time-zone' }),
          note: z.string(),
        }),
      ) as Record<string, unknown>,
    );
    const plugin = formUiSchema(schema);
    expect(plugin).toMatchObject({
      text: { 'ui:widget': 'template' },
      opensAt: { 'ui:widget': 'timeOfDay' },
      sendAt: { 'ui:widget': 'localDateTime' },
      zone: { 'ui:widget': 'timeZone' },
    });
    expect(plugin.note?.['ui:widget']).toBeUndefined();
  });

  it("the DingTalk robot plugin's message gets the message editor; its other fields keep rjsf's inputs", () => {
    const robot = createRegistry([dingTalkRobot as NodeDefinition])
      .describe()
      .find((d) => d.type === 'dingtalk.robot')!;
    const robotUi = formUiSchema(formSchema(robot.configSchema));
    expect(robotUi.content?.['ui:widget']).toBe('template');
    expect(robotUi.webhook?.['ui:widget']).toBeUndefined();
    expect(robotUi.title?.['ui:widget']).toBeUndefined();
  });

  it('a format on the wrong type picks nothing', () => {
    expect(widgetForFormat({ type: 'string', format: 'weekdays' })).toBeUndefined();
    expect(widgetForFormat({ type: 'array', format: 'duration' })).toBeUndefined();
    expect(widgetForFormat({ type: 'string', format: 'email' })).toBeUndefined();
  });

  it("the formats rjsf's Ajv is told about agree with the engine", () => {
    expect(customFormats['time-of-day']!('09:30')).toBe(true);
    expect(customFormats['time-of-day']!('25:00')).toBe(false);
    expect(customFormats['local-date-time']!('2026-11-11T10:00')).toBe(true);
    expect(customFormats['local-date-time']!('2026-02-30T10:00')).toBe(false);
    expect(customFormats['time-zone']!('Asia/Shanghai')).toBe(true);
    expect(customFormats['time-zone']!('Mars/Olympus')).toBe(false);
  });
});
