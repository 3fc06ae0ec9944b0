import { z } from 'zod';
import { topLevelConditionSchema } from '../../rules/conditions';
import { evaluateCondition } from '../../rules/evaluate';
import { defineNode } from '../define';
import { field } from '../field';

export const condition = defineNode({
  type: 'condition',
  version: 1,
  category: 'decision',
  labels: {
    'zh-CN': { title: '条件判断', description: '按客户资料或触发事件判断，满足走“是”，否则走“否”。', ports: { yes: '是', no: '否' } },
    en: { title: 'Condition', description: 'Checks customer facts or the triggering event: yes if it holds, otherwise no.', ports: { yes: 'yes', no: 'no' } },
  },
  config: z.object({
    conditions: topLevelConditionSchema
      .default({ all: [] })
      .meta(field({ en: { title: 'Conditions', description: 'json-rules-engine conditions (all / any / not)' }, 'zh-CN': { title: '条件' } })),
  }),
  ports: () => ['yes', 'no'],
  conditions: (c) => [{ condition: c.conditions, path: ['conditions'] }],
  behaviour: {
    kind: 'decide',
    decide: async (c, facts) => ((await evaluateCondition(c.conditions, facts)) ? 'yes' : 'no'),
  },
});
