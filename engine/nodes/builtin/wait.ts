import { z } from 'zod';
import { durationSchema, durationToMs } from '../../journey/duration';
import { defineNode } from '../define';
import { field } from '../field';

export const wait = defineNode({
  type: 'wait',
  version: 1,
  category: 'wait',
  labels: {
    'zh-CN': { title: '等待', description: '等待一段时间后继续，例如 25 分钟或 3 天。', ports: { next: '之后' } },
    en: { title: 'Wait', description: 'Waits for a while before going on, e.g. 25 minutes or 3 days.', ports: { next: 'then' } },
  },
  config: z.object({
    duration: durationSchema.default('P1D').meta(
      field({
        en: { title: 'Duration', description: 'How long customers wait here before the next step' },
        'zh-CN': { title: '时长', description: '客户在这一步等待多久再进入下一步' },
      }),
    ),
  }),
  ports: () => ['next'],
  maxWaitMs: (c) => durationToMs(c.duration),
  behaviour: { kind: 'sleep', wakeAt: (c, ctx) => ctx.now + durationToMs(c.duration) },
});
