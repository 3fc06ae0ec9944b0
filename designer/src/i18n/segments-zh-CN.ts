import type { Messages } from './en';

/** 人群栏目的界面文字（与英文逐键对应）。 */
export const segmentsPageZhCN: Messages['segmentsPage'] = { title: '人群' };
