import type { Messages } from './en';

/** 店铺设置栏目的界面文字（与英文逐键对应）。 */
export const settingsPageZhCN: Messages['settingsPage'] = { title: '店铺设置' };
