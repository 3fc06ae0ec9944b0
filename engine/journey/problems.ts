import type { Locale } from '../nodes/define';

/** One thing wrong with a journey, with where it is and what to do, in the marketer's language. */
export interface Problem {
  /** Where, e.g. `nodes[3].config.timeout` or `edges[0].to`. */
  path: string;
  code: ProblemCode;
  message: string;
  /** The node the problem belongs to, so the designer can mark it. */
  nodeId?: string;
}

export type ProblemCode =
  | 'invalid'
  | 'duplicate_node_id'
  | 'unknown_node_type'
  | 'unknown_node_version'
  | 'invalid_config'
  | 'missing_trigger'
  | 'extra_trigger'
  | 'unknown_edge_node'
  | 'unknown_port'
  | 'duplicate_edge'
  | 'edge_into_trigger'
  | 'unconnected_port'
  | 'unreachable_node'
  | 'cycle_without_wait'
  | 'unknown_fact'
  | 'unknown_operator'
  | 'invalid_condition_value'
  | 'port_must_exit';

type Params = Record<string, string>;

const messages: Record<Locale, Record<Exclude<ProblemCode, 'invalid' | 'invalid_config'>, (p: Params) => string>> = {
  en: {
    duplicate_node_id: (p) => `Another step already uses the id "${p.id}".`,
    unknown_node_type: (p) => `"${p.type}" is not a known step type.`,
    unknown_node_version: (p) => `Version ${p.version} of the step type "${p.type}" is not installed (installed: ${p.installed}).`,
    missing_trigger: () => 'The journey has no trigger: add one so customers can enter.',
    extra_trigger: () => 'A journey has exactly one trigger; remove this one or the other.',
    unknown_edge_node: (p) =>
      p.end === 'from'
        ? `The connection into step "${p.node}" comes from a step "${p.id}" that does not exist.`
        : `The connection from the "${p.port}" output of step "${p.node}" points to a step "${p.id}" that does not exist.`,
    unknown_port: (p) => `Step "${p.node}" has no output "${p.port}".`,
    duplicate_edge: (p) => `The output "${p.port}" of step "${p.node}" is connected twice; keep one.`,
    edge_into_trigger: () => 'Nothing can lead into the trigger: customers enter there.',
    unconnected_port: (p) => `The "${p.port}" output is not connected: say where customers go next.`,
    unreachable_node: () => 'No path from the trigger reaches this step; connect it or remove it.',
    cycle_without_wait: (p) => `The loop through ${p.nodes} has no wait: customers would go round it without end. Add a wait to it.`,
    unknown_fact: (p) => `"${p.fact}" is not a known fact.`,
    unknown_operator: (p) => `"${p.operator}" is not a known operator.`,
    // Worded by engine/rules/value-check.ts, which the condition builder shows under the rule too.
    invalid_condition_value: (p) => p.message ?? '',
    port_must_exit: (p) =>
      `The "${p.port}" output of step "${p.node}" must lead straight to an exit: customers there receive nothing and are counted by that exit.`,
  },
  'zh-CN': {
    duplicate_node_id: (p) => `已有其他步骤使用编号“${p.id}”。`,
    unknown_node_type: (p) => `“${p.type}”不是已知的步骤类型。`,
    unknown_node_version: (p) => `步骤类型“${p.type}”的第 ${p.version} 版未安装（已安装：${p.installed}）。`,
    missing_trigger: () => '旅程缺少触发条件：请添加一个，客户才能进入。',
    extra_trigger: () => '一个旅程只能有一个触发条件，请删除多余的一个。',
    unknown_edge_node: (p) =>
      p.end === 'from' ? `连入步骤“${p.node}”的连线来自不存在的步骤“${p.id}”。` : `步骤“${p.node}”的“${p.port}”出口连向不存在的步骤“${p.id}”。`,
    unknown_port: (p) => `步骤“${p.node}”没有“${p.port}”出口。`,
    duplicate_edge: (p) => `步骤“${p.node}”的“${p.port}”出口连了两次，请只保留一条。`,
    edge_into_trigger: () => '触发条件前面不能再连步骤：客户从这里进入。',
    unconnected_port: (p) => `“${p.port}”出口还没有连线：请指定客户接下来去哪里。`,
    unreachable_node: () => '从触发条件出发到不了这个步骤：请连上或删除它。',
    cycle_without_wait: (p) => `经过 ${p.nodes} 的循环里没有等待，客户会无限循环，请在循环中加入等待。`,
    unknown_fact: (p) => `“${p.fact}”不是已知的客户数据。`,
    unknown_operator: (p) => `“${p.operator}”不是已知的比较方式。`,
    invalid_condition_value: (p) => p.message ?? '',
    port_must_exit: (p) => `步骤“${p.node}”的“${p.port}”出口必须直接连到“结束”：这些客户不接收任何内容，由该结束步骤统计人数。`,
  },
};

export function problemMessage(locale: Locale, code: Exclude<ProblemCode, 'invalid' | 'invalid_config'>, params: Params = {}): string {
  return messages[locale][code](params);
}

/** `['nodes', 3, 'config', 'timeout']` → `nodes[3].config.timeout` */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}
