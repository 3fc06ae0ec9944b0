import { z } from 'zod';
import { defineNode } from '../define';

export const exit = defineNode({
  type: 'exit',
  version: 1,
  category: 'flow',
  labels: {
    'zh-CN': { title: '结束', description: '客户离开旅程。' },
    en: { title: 'Exit', description: 'The customer leaves the journey.' },
  },
  config: z.object({}),
  ports: () => [],
  behaviour: { kind: 'exit' },
});
