import type { CustomerEvent } from '../../../engine/events/schema';
import { templateView } from '../../../engine/facts/decision-facts';
import { fillSmsTemplate, smsTemplateVariables } from '../../../engine/facts/sms-templates';
import type { Locale } from '../../../engine/nodes/define';
import { renderTemplate, templateProblem } from '../../../engine/templates/render';
import { sampleContext, sampleCustomer } from './template-edit';

/**
 * A provider template SMS as the sample customer would read it: the signature, then the approved
 * text with each variable's mapping rendered on the sample customer, order and coupon. A variable
 * without a mapping (or one that does not parse) stays as the template writes it, so the gap shows.
 */
export function smsTemplatePreview(input: { text: string; variables: Readonly<Record<string, string>>; signature: string | null; locale: Locale; now: Date }): {
  signature: string | null;
  text: string;
} {
  const sample = sampleContext(input.now);
  const view = templateView({
    event: { ...sample.event, id: 'sample', customerId: 'sample' } as CustomerEvent,
    customer: sampleCustomer[input.locale],
    coupon: sample.coupon,
  });
  const values = Object.fromEntries(
    smsTemplateVariables(input.text)
      .map((name) => [name, input.variables[name] ?? ''] as const)
      .filter(([, mapping]) => mapping.trim() !== '' && !templateProblem(mapping))
      .map(([name, mapping]) => [name, renderTemplate(mapping, view, { html: false })]),
  );
  return { signature: input.signature, text: fillSmsTemplate(input.text, values) };
}
