import type { Messages } from './en';

/** 标签栏目的界面文字（与英文逐键对应）。 */
export const tagsPageZhCN: Messages['tagsPage'] = { title: '标签' };
