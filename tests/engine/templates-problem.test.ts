import { describe, expect, it } from 'vitest';
import { templateProblem } from '../../engine/index';

describe('templateProblem', () => {
  it('accepts a template that parses', () => {
    expect(templateProblem('亲爱的{{customer.name}}，{{#order.id}}订单{{order.id}}{{/order.id}}')).toBeUndefined();
    expect(templateProblem('no variables at all')).toBeUndefined();
  });

  it('reports an unclosed section', () => {
    expect(templateProblem('{{#order}}您的订单')).toMatch(/^Unclosed section "order" at \d+$/);
  });

  it('reports a section closed under another name', () => {
    expect(templateProblem('{{#order}}x{{/customer}}')).toMatch(/Unclosed section "order"/);
  });

  it('reports an unclosed tag', () => {
    expect(templateProblem('Hi {{customer.name')).toMatch(/^Unclosed tag/);
  });
});
