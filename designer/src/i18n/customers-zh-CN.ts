import type { Messages } from './en';

/** 客户栏目的界面文字（与英文逐键对应）。 */
export const customersPageZhCN: Messages['customersPage'] = { title: '客户' };
