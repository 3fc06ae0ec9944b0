import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formSchema, formUiSchema, isJsonValueSchema } from '../../designer/src/editor/schemaForm';
import { createRegistry } from '../../engine/index';

describe('free JSON config fields in the designer', () => {
  it('edits a webhook body as JSON text rather than a chooser over JSON types', () => {
    const webhook = createRegistry()
      .describe()
      .find((d) => d.type === 'webhook.post')!;
    const schema = formSchema(webhook.configSchema);
    const ui = formUiSchema(schema);
    expect(ui.body).toMatchObject({ 'ui:field': 'json', 'ui:fieldReplacesAnyOrOneOf': true });
    expect(ui.url?.['ui:field']).toBeUndefined();
    expect(ui.headers?.['ui:field']).toBeUndefined();
  });

  it('recognises only schemas that take any JSON value', () => {
    const root = formSchema(z.toJSONSchema(z.object({ any: z.json(), either: z.union([z.string(), z.number()]) })) as Record<string, unknown>);
    expect(isJsonValueSchema(root.properties!.any, root)).toBe(true);
    expect(isJsonValueSchema(root.properties!.either, root)).toBe(false);
  });
});
