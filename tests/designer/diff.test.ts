import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { factCatalog } from '../../engine/facts/catalog';
import { journeySchema, type Journey } from '../../engine/journey/schema';
import type { Locale } from '../../engine/nodes/define';
import { createRegistry } from '../../engine/nodes/registry';
import { versionsEn } from '../../designer/src/i18n/versions-en';
import { versionsZhCN } from '../../designer/src/i18n/versions-zh-CN';
import { configFieldText } from '../../engine/nodes/config-texts';
import { diffJourneys, fieldChanges, isEmptyDiff } from '../../designer/src/model/diff';
import { describeDiff, plainTitle, type DiffWords } from '../../designer/src/model/diff-words';

const example = journeySchema.parse(JSON.parse(readFileSync(new URL('../../examples/journeys/payment-reminder.json', import.meta.url), 'utf8')));
const registry = createRegistry();
const copy = (change: (j: Journey) => void = () => undefined): Journey => {
  const j = structuredClone(example);
  change(j);
  return j;
};
const node = (j: Journey, id: string) => j.nodes.find((n) => n.id === id)!;

/** The designer's words with the real version strings, as i18next would fill them in. */
function words(locale: Locale): DiffWords {
  const strings = { versions: locale === 'zh-CN' ? versionsZhCN : versionsEn } as Record<string, unknown>;
  const lookup = (key: string) => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], strings);
  return {
    locale,
    facts: factCatalog,
    operator: (op) => ({ greaterThanInclusive: '≥' })[op] ?? op,
    enumValue: (field, value, type) =>
      locale === 'zh-CN' && type ? (configFieldText(registry.require(type), [field], locale)?.enum?.[value] ?? value) : value,
    joiner: (mode) => (locale === 'zh-CN' ? { all: '且', any: '或' } : { all: 'and', any: 'or' })[mode],
    t: (key, params = {}) => {
      const text = lookup(key);
      if (typeof text !== 'string') throw new Error(`no string ${key}`);
      return text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(params[k] ?? ''));
    },
    nodeTitle: (type) => registry.get(type)?.labels[locale].title ?? type,
    fieldTitle: (type, field) => {
      if (type === null) return lookup(`versions.settings.${field}`) as string;
      return plainTitle((locale === 'zh-CN' ? configFieldText(registry.require(type), [field], locale)?.title : undefined) ?? field);
    },
    fieldOrder: (type) => Object.keys((registry.get(type)?.config as { shape?: object } | undefined)?.shape ?? {}),
    portLabel: (type, _config, port) => registry.get(type)?.labels[locale].ports?.[port] ?? port,
  };
}

describe('journey diff', () => {
  it('finds nothing between a journey and itself, or when only positions moved', () => {
    const same = diffJourneys(example, copy());
    expect(isEmptyDiff(same)).toBe(true);
    expect(same.moved).toEqual([]);
    const moved = diffJourneys(
      example,
      copy((j) => (j.layout.positions['paid'] = { x: -300, y: 300 })),
    );
    expect(isEmptyDiff(moved)).toBe(true);
    expect(moved.moved).toEqual(['paid']);
  });

  it('matches steps by id: added, removed with their old position, changed field by field', () => {
    const newer = copy((j) => {
      node(j, 'await-payment').config.timeout = 'PT30M';
      node(j, 'reminder-sms').config.template = '新的文案';
      j.nodes = j.nodes.filter((n) => n.id !== 'call-task');
      j.nodes.push({ id: 'coupon-sms', type: 'message.send', config: { channel: 'sms', template: '送您一张券' } });
      j.edges = j.edges.filter((e) => e.from !== 'call-task' && e.to !== 'call-task');
      j.edges.push({ from: 'high-value', port: 'yes', to: 'coupon-sms' }, { from: 'coupon-sms', port: 'next', to: 'done' });
    });
    const d = diffJourneys(example, newer);
    expect(d.added.map((n) => n.id)).toEqual(['coupon-sms']);
    expect(d.removed).toEqual([{ id: 'call-task', type: 'message.send', config: node(example, 'call-task').config, position: { x: 40, y: 460 } }]);
    expect(d.changed.map((n) => [n.id, n.fields])).toEqual([
      ['await-payment', [{ field: 'timeout', before: 'PT25M', after: 'PT30M' }]],
      ['reminder-sms', [{ field: 'template', before: node(example, 'reminder-sms').config.template, after: '新的文案' }]],
    ]);
    // Edges by from/port/to: the yes branch now leads elsewhere, which is one removed and one added.
    expect(d.addedEdges).toEqual([
      { from: 'high-value', port: 'yes', to: 'coupon-sms' },
      { from: 'coupon-sms', port: 'next', to: 'done' },
    ]);
    expect(d.removedEdges).toEqual([
      { from: 'high-value', port: 'yes', to: 'call-task' },
      { from: 'call-task', port: 'next', to: 'done' },
    ]);
    expect(d.settings).toEqual([]);
  });

  it('compares config and settings by value, not by key order, and notices fields set or cleared', () => {
    expect(fieldChanges({ a: { x: 1, y: [1, 2] }, b: 1 }, { b: 1, a: { y: [1, 2], x: 1 } })).toEqual([]);
    expect(fieldChanges({ a: 1 }, { a: 1, b: 'x' })).toEqual([{ field: 'b', before: undefined, after: 'x' }]);
    expect(fieldChanges({ a: 1, b: 'x' }, { a: 1 })).toEqual([{ field: 'b', before: 'x', after: undefined }]);
    const d = diffJourneys(
      example,
      copy((j) => {
        j.settings.reEntry = 'after-exit';
        j.settings.priority = 8;
        j.settings.sendRate = { max: 100, per: 'PT1M' };
        j.name = '催付 v2';
      }),
    );
    expect(d.settings.map((f) => f.field)).toEqual(['reEntry', 'priority', 'sendRate']);
    expect(d.meta).toEqual([{ field: 'name', before: example.name, after: '催付 v2' }]);
  });

  it('drops the format hint from field titles', () => {
    expect(plainTitle('超时（ISO 8601）')).toBe('超时');
    expect(plainTitle('Duration (ISO 8601)')).toBe('Duration');
    expect(plainTitle('渠道')).toBe('渠道');
  });

  it('reports a step whose type changed under the same id', () => {
    const d = diffJourneys(
      example,
      copy((j) => (node(j, 'paid').type = 'tag.add')),
    );
    expect(d.changed).toEqual([expect.objectContaining({ id: 'paid', type: 'tag.add', typeBefore: 'exit' })]);
  });
});

describe('journey diff in words', () => {
  const newer = copy((j) => {
    j.nodes.push({ id: 'wait-more', type: 'wait', config: { duration: 'P3D' } });
    node(j, 'await-payment').config.timeout = 'PT30M';
    node(j, 'high-value').config.conditions = { all: [{ fact: 'event', path: '$.data.amount', operator: 'greaterThanInclusive', value: 800 }] };
    j.nodes.push({ id: 'sms-2', type: 'message.send', config: { channel: 'sms', template: '最后提醒' } });
    j.edges = j.edges.filter((e) => !(e.from === 'reminder-sms'));
    j.edges.push(
      { from: 'reminder-sms', port: 'next', to: 'wait-more' },
      { from: 'wait-more', port: 'next', to: 'sms-2' },
      { from: 'sms-2', port: 'next', to: 'done' },
    );
    j.settings.reEntry = 'after-exit';
    j.settings.priority = 8;
  });
  const older = copy((j) => j.nodes.push({ id: 'wait-more', type: 'wait', config: { duration: 'P2D' } }));

  it('reads in Chinese: a wait 2 天 → 3 天, a new SMS step, connections and settings', () => {
    const lines = describeDiff(diffJourneys(older, newer), older, newer, words('zh-CN'));
    expect(lines).toEqual([
      { kind: 'added', nodeId: 'sms-2', text: '新增步骤 发送消息：短信 · 最后提醒' },
      { kind: 'changed', nodeId: 'await-payment', text: '等待事件 · 超时：25 分钟 → 30 分钟' },
      { kind: 'changed', nodeId: 'high-value', text: '条件判断 订单金额 ≥ 500 → 订单金额 ≥ 800' },
      { kind: 'changed', nodeId: 'wait-more', text: '等待 2 天 → 3 天' },
      { kind: 'edge-added', nodeId: 'reminder-sms', text: '新增连线 发送消息（之后）→ 等待' },
      { kind: 'edge-added', nodeId: 'wait-more', text: '新增连线 等待（之后）→ 发送消息' },
      { kind: 'edge-added', nodeId: 'sms-2', text: '新增连线 发送消息（之后）→ 结束' },
      { kind: 'edge-removed', nodeId: 'reminder-sms', text: '删除连线 发送消息（之后）→ 结束' },
      { kind: 'setting', text: '重复进入：不允许 → 离开后可再进入' },
      { kind: 'setting', text: '优先级：5 → 8' },
    ]);
  });

  it('reads in English, with removed steps and cleared settings', () => {
    const lines = describeDiff(diffJourneys(newer, older), newer, older, words('en'));
    expect(lines.map((l) => l.text)).toEqual(
      expect.arrayContaining([
        'Removed step Send message',
        'Wait 3 days → 2 days',
        'Re-entry: after leaving → never',
        'Priority: 8 → 5',
        'Removed connection Wait (then) → Send message',
      ]),
    );
    const goal = copy((j) => (j.settings.goal = { eventType: 'order.paid', within: 'P7D' }));
    expect(describeDiff(diffJourneys(example, goal), example, goal, words('en')).map((l) => l.text)).toEqual([
      'Conversion goal: (none) → order.paid within 7 days',
    ]);
  });
});
