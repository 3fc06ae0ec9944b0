import type { statsEn } from './stats-en';

/** 画布上的实时数据与停止操作（designer/src/stats）。 */
export const statsZhCN: typeof statsEn = {
  toggle: '数据',
  toggleTitle: '在每个步骤上显示实时数据',
  version: '数据版本',
  allVersions: '全部版本',
  versionN: '版本 {{version}}',
  refresh: '刷新数据',
  updated: '更新于 {{time}}',
  loading: '正在加载数据…',
  failed: '数据加载失败：{{message}}',
  figure: {
    entered: '进入',
    waiting: '等待中',
    passed: '通过',
    sent: '已发送',
    queued: '排队中',
    failed: '失败',
    capped: '限频',
    skipped: '跳过',
    converted: '转化',
  },
  stop: '停止',
  stopping: '正在停止…',
  stopTitle: '停止“{{name}}”？',
  stopBody: '不再有新客户进入，旅程中的客户立即退出（记录为已停止）。此操作不可撤销：如需再次运行，请发布新版本。',
  stopConfirm: '停止旅程',
  cancel: '取消',
  stopped_one: '已停止，{{count}} 位旅程中的客户已退出。',
  stopped_other: '已停止，{{count}} 位旅程中的客户已退出。',
};
