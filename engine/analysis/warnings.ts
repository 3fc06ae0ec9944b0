import Mustache from 'mustache';
import { z } from 'zod';
import { formatPath } from '../journey/problems';
import type { Journey } from '../journey/schema';
import type { Locale, NodeDefinition } from '../nodes/define';
import type { NodeRegistry } from '../nodes/registry';
import { unknownVariableReason } from '../templates/variables';
import { privateHostKind } from './private-host';

/**
 * Something that does not stop a journey from publishing but will not do what its author
 * expects: a variable nothing fills renders empty, a webhook to a refused address never arrives.
 */
export interface JourneyWarning {
  code: 'unknown_template_variable' | 'webhook_address_refused';
  /** Where, e.g. `nodes[2].config.template`. */
  path: string;
  nodeId: string;
  message: string;
}

export interface WarningOptions {
  /**
   * Whether to flag webhook URLs whose host is, as written, a private address or localhost. The
   * server turns it off and asks its address guard instead, which knows the allow-list and DNS.
   */
  literalAddresses?: boolean;
}

/** The warnings of a valid journey, worded in `locale`; plugins take part through their hooks. */
export function journeyWarnings(journey: Journey, registry: NodeRegistry, locale: Locale, options: WarningOptions = {}): JourneyWarning[] {
  const warnings: JourneyWarning[] = [];
  journey.nodes.forEach((node, i) => {
    const def = registry.get(node.type, node.typeVersion);
    if (!def) return;
    const parsed = def.config.safeParse(node.config);
    if (!parsed.success) return;
    const config: unknown = parsed.data;
    for (const { path, text } of templatesOf(def, config)) {
      for (const name of unknownVariables(text)) {
        warnings.push({
          code: 'unknown_template_variable',
          path: formatPath(['nodes', i, 'config', ...path]),
          nodeId: node.id,
          message: unknownVariableMessage(locale, name),
        });
      }
    }
    if (options.literalAddresses === false) return;
    for (const target of outboundUrlsOf(def, config)) {
      const kind = privateHostKind(target.host);
      if (kind) warnings.push(webhookWarning(locale, { nodeId: node.id, path: formatPath(['nodes', i, 'config', ...target.path]), host: target.host }, kind));
    }
  });
  return warnings;
}

/** The URLs a journey's steps call, with their hosts, for the server's address guard. */
export function journeyOutboundUrls(journey: Journey, registry: NodeRegistry): { nodeId: string; path: string; host: string }[] {
  return journey.nodes.flatMap((node, i) => {
    const def = registry.get(node.type, node.typeVersion);
    const parsed = def?.config.safeParse(node.config);
    if (!def || !parsed?.success) return [];
    return outboundUrlsOf(def, parsed.data).map((t) => ({ nodeId: node.id, path: formatPath(['nodes', i, 'config', ...t.path]), host: t.host }));
  });
}

/** The warning for a webhook whose address the guard refuses; `why` is the kind of address. */
export function webhookWarning(locale: Locale, target: { nodeId: string; path: string; host: string }, why: string): JourneyWarning {
  const message =
    locale === 'zh-CN'
      ? `Webhook 地址 ${target.host} 是内部网络地址（${zhAddressKinds[why] ?? why}），出站访问会被拒绝，这一步不会送达。请换成公网地址，或请运营方在 HUITOU_HTTP_ALLOW 中放行。`
      : `The webhook address ${target.host} is a ${why} address: outbound HTTP refuses it, so this step will not arrive. Use a public address, or ask the operator to allow it with HUITOU_HTTP_ALLOW.`;
  return { code: 'webhook_address_refused', path: target.path, nodeId: target.nodeId, message };
}

const zhAddressKinds: Record<string, string> = {
  loopback: '本机',
  private: '私有网段',
  'link-local': '链路本地',
  unspecified: '未指定地址',
  uniqueLocal: '私有网段',
  linkLocal: '链路本地',
  carrierGradeNat: '运营商内网',
};

function unknownVariableMessage(locale: Locale, name: string): string {
  const reason = unknownVariableReason(name);
  if (locale === 'zh-CN') {
    const maybe = reason === 'customer' ? `；除非客户有名为“${name.split('.')[1]}”的属性` : '';
    return `变量 {{${name}}} 不是已知的变量${maybe}，发送时会是空的。请用“插入变量”选择，例如 {{customer.name}}。`;
  }
  const maybe = reason === 'customer' ? ` unless your customers have an attribute named "${name.split('.')[1]}"` : '';
  return `{{${name}}} is not a known variable: it will be empty when sent${maybe}. Pick one with "Insert variable", e.g. {{customer.name}}.`;
}

/** Names a template uses that the variable catalog does not know; names inside sections are relative and skipped unless rooted. */
function unknownVariables(text: string): string[] {
  let tokens: Mustache.TemplateSpans;
  try {
    tokens = Mustache.parse(text);
  } catch {
    return []; // validation reports a template that does not parse
  }
  const found = new Set<string>();
  const walk = (spans: Mustache.TemplateSpans, nested: boolean) => {
    for (const token of spans) {
      const [kind, name] = token as unknown as [string, string];
      if (kind !== 'name' && kind !== '&' && kind !== '#' && kind !== '^') continue;
      if (name === '.') continue;
      const reason = unknownVariableReason(name);
      if (reason && !(nested && reason === 'root')) found.add(name);
      const children = (token as unknown[])[4] as Mustache.TemplateSpans | undefined;
      if (children) walk(children, true);
    }
  };
  walk(tokens, false);
  return [...found];
}

/** The step's templates: its fields of `format: 'template'` (plugins' too) and those its hook names. */
function templatesOf(def: NodeDefinition, config: unknown): { path: (string | number)[]; text: string }[] {
  const fields = templateFieldNames(def).flatMap((name) => {
    const text = (config as Record<string, unknown>)[name];
    return typeof text === 'string' ? [{ path: [name], text }] : [];
  });
  return [...fields, ...(def.templates?.(config) ?? [])];
}

function outboundUrlsOf(def: NodeDefinition, config: unknown): { path: (string | number)[]; host: string }[] {
  return (def.outboundUrls?.(config) ?? []).flatMap(({ path, url }) => {
    try {
      return [{ path, host: new URL(url).hostname }];
    } catch {
      return [];
    }
  });
}

const templateFields = new WeakMap<NodeDefinition, string[]>();

function templateFieldNames(def: NodeDefinition): string[] {
  let names = templateFields.get(def);
  if (!names) {
    names = [];
    try {
      const schema = z.toJSONSchema(def.config, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, { format?: unknown }> };
      for (const [name, prop] of Object.entries(schema.properties ?? {})) if (prop.format === 'template') names.push(name);
    } catch {
      // A schema JSON Schema cannot describe has no template fields we can find.
    }
    templateFields.set(def, names);
  }
  return names;
}
