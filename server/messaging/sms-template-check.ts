import { smsTemplateVariables, type Journey, type Locale, type SmsTemplate } from '../../engine/index';

export interface SmsTemplateProblem {
  path: string;
  code: 'unknown_sms_template' | 'unmapped_sms_variable' | 'unknown_sms_variable' | 'sms_template_required';
  message: string;
  nodeId: string;
}

/**
 * The SMS steps of a journey that a provider could not send: a template the shop has not
 * registered (settings `sms.templates`), a variable of it left without a value, a value for a
 * variable it does not have, or — on Aliyun or Tencent, which send approved templates only — free
 * text. The engine cannot know the shop's templates or the configured provider, so publishing
 * checks them here, as it does segments and coupon campaigns.
 */
export function smsTemplateProblems(journey: Journey, templates: readonly SmsTemplate[], provider: string | undefined, locale: Locale): SmsTemplateProblem[] {
  const zh = locale === 'zh-CN';
  const problems: SmsTemplateProblem[] = [];
  journey.nodes.forEach((node, index) => {
    const config = node.config as { channel?: unknown; smsTemplate?: { code?: unknown; variables?: Record<string, unknown> } };
    if (node.type !== 'message.send' || (config.channel ?? 'sms') !== 'sms') return;
    const at = `nodes[${index}].config.smsTemplate`;
    const chosen = config.smsTemplate;
    if (!chosen) {
      if (provider)
        problems.push({
          path: at,
          code: 'sms_template_required',
          nodeId: node.id,
          message: zh
            ? `smsTemplate：${provider} 只发送已审核的短信模板，不能发送自由文本；请选择一个模板`
            : `smsTemplate: ${provider} sends only approved templates, not free text; choose a template`,
        });
      return;
    }
    const code = typeof chosen.code === 'string' ? chosen.code : '';
    const template = templates.find((t) => t.code === code);
    if (!template) {
      problems.push({
        path: `${at}.code`,
        code: 'unknown_sms_template',
        nodeId: node.id,
        message: zh
          ? `smsTemplate.code：店铺没有登记编号为“${code}”的短信模板；请先在设置的短信模板中登记`
          : `smsTemplate.code: the shop has no SMS template "${code}"; register it under settings SMS templates first`,
      });
      return;
    }
    const variables = smsTemplateVariables(template.text);
    const given = chosen.variables ?? {};
    for (const name of variables) {
      const value = given[name];
      if (typeof value !== 'string' || value.trim() === '')
        problems.push({
          path: `${at}.variables.${name}`,
          code: 'unmapped_sms_variable',
          nodeId: node.id,
          message: zh
            ? `smsTemplate.variables.${name}：模板“${template.name}”的变量 ${name} 还没有填写内容`
            : `smsTemplate.variables.${name}: the variable ${name} of template "${template.name}" has no value`,
        });
    }
    for (const name of Object.keys(given).filter((n) => !variables.includes(n)))
      problems.push({
        path: `${at}.variables.${name}`,
        code: 'unknown_sms_variable',
        nodeId: node.id,
        message: zh
          ? `smsTemplate.variables.${name}：模板“${template.name}”没有变量 ${name}`
          : `smsTemplate.variables.${name}: template "${template.name}" has no variable ${name}`,
      });
  });
  return problems;
}
