import { describe, expect, it, vi } from 'vitest';
import { renderTemplate } from '../../engine/index';

describe('renderTemplate: a template cannot run code', () => {
  it('does not re-evaluate a value that looks like a template', () => {
    const view = { customer: { name: '{{#x}}{{/x}}{{secret}}' }, secret: 'leaked', x: true };
    expect(renderTemplate('Hi {{customer.name}}', view, { html: false })).toBe('Hi {{#x}}{{/x}}{{secret}}');
  });

  it('treats triple mustache in an SMS as plain text, like double mustache', () => {
    const view = { customer: { name: '<script>alert(1)</script>' } };
    expect(renderTemplate('{{{customer.name}}}|{{customer.name}}|{{&customer.name}}', view, { html: false })).toBe(
      '<script>alert(1)</script>|<script>alert(1)</script>|<script>alert(1)</script>',
    );
  });

  it('never calls a function found in the view', () => {
    const fn = vi.fn(() => 'called');
    const view = { customer: { name: fn }, lambda: fn };
    expect(renderTemplate('[{{customer.name}}][{{#lambda}}x{{/lambda}}][{{lambda}}]', view, { html: false })).toBe('[][][]');
    expect(fn).not.toHaveBeenCalled();
  });

  it('does not reach prototypes: constructor, __proto__ and methods render empty', () => {
    const view = { customer: { name: '李雷' } };
    const templates = [
      '{{constructor}}',
      '{{customer.constructor}}',
      '{{customer.hasOwnProperty}}',
      '{{constructor.__proto__.constructor}}',
      '{{#constructor}}x{{/constructor}}',
      '{{customer.name.constructor.fromCharCode}}',
      '{{customer.__proto__.toString}}',
    ];
    for (const t of templates) expect(renderTemplate(t, view, { html: false }), t).toBe('');
  });

  it('a template naming a prototype method does not throw at send time', () => {
    expect(() => renderTemplate('{{#constructor.defineProperty}}x{{/constructor.defineProperty}}', {}, { html: false })).not.toThrow();
  });
});
