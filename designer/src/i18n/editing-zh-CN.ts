import type { editingEn } from './editing-en';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** 编辑相关的界面文字：撤销、复制粘贴、自动排列、快捷键、自动保存。 */
export const editingZhCN: Widen<typeof editingEn> = {
  toolbarLabel: '编辑',
  undo: '撤销',
  redo: '重做',
  layout: '自动排列',
  layoutTitle: '自动排列步骤（L）',
  laidOut: '已自动排列步骤，撤销可恢复原位。',
  help: '快捷键',
  helpTitle: '键盘快捷键',
  close: '关闭',
  copied_one: '已复制 {{count}} 个步骤。',
  copied_other: '已复制 {{count}} 个步骤。',
  nothingToPaste: '没有可粘贴的内容：请先复制步骤（Ctrl+C）。',
  triggerRefused: '此旅程已有触发器，复制的触发器未粘贴。',
  restored: '已恢复您上次未保存的修改。',
  restoredNew: '此旅程尚未保存到服务器，已从本浏览器恢复。',
  autosaved: '已自动保存 {{time}}',
  autosaving: '自动保存中…',
  autosaveSoon: '有未保存的修改 · 稍后自动保存',
  keys: {
    undo: '撤销',
    redo: '重做',
    copy: '复制选中的步骤',
    cut: '剪切选中的步骤',
    paste: '粘贴（也可粘贴到另一个旅程）',
    duplicate: '复制一份选中的步骤',
    selectAll: '选中全部步骤',
    delete: '删除选中的内容',
    boxSelect: '框选步骤',
    multiSelect: '加选一个步骤',
    fitView: '缩放至全部可见',
    layout: '自动排列步骤',
    save: '保存',
    help: '显示或隐藏此列表',
    close: '关闭此列表',
  },
  keyNames: { drag: '拖动', click: '点击', or: '或' },
};
