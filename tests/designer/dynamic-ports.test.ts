import { describe, expect, it } from 'vitest';
import { portLabelsOf, portsOf } from '../../designer/src/model/registry';

/** The canvas draws one output handle per port portsOf gives, labelled by portLabelsOf first. */
describe('designer: ports that follow a step config', () => {
  const branches = [
    { key: 'vip', label: 'VIP', conditions: { all: [] } },
    { key: 'new', label: '', conditions: { all: [] } },
  ];

  it('gives a multi-branch step one port per branch, in order, then else', () => {
    expect(portsOf('split.multi', { branches })).toEqual(['vip', 'new', 'else']);
    expect(portsOf('split.multi', { branches: [...branches, { key: 'late', label: 'Late', conditions: { any: [] } }] })).toEqual([
      'vip',
      'new',
      'late',
      'else',
    ]);
    expect(portLabelsOf('split.multi', { branches })).toEqual({ vip: 'VIP' });
  });

  it('adds the holdout port to a random split only with a holdout share', () => {
    const arms = [
      { key: 'a', label: 'Offer A', weight: 1 },
      { key: 'b', label: 'Offer B', weight: 1 },
    ];
    expect(portsOf('split.random', { arms })).toEqual(['a', 'b']);
    expect(portsOf('split.random', { arms, holdoutPercent: 10 })).toEqual(['a', 'b', 'holdout']);
    expect(portLabelsOf('split.random', { arms })).toEqual({ a: 'Offer A', b: 'Offer B' });
  });

  it('keeps the described ports while the config being typed does not parse', () => {
    expect(portsOf('split.multi', { branches: [{ key: 'Not A Key', conditions: { all: [] } }] }, ['a', 'b', 'else'])).toEqual(['a', 'b', 'else']);
    expect(portLabelsOf('split.multi', { branches: 'nope' })).toEqual({});
    expect(portsOf('wait.date', {})).toEqual(['next', 'missing']);
  });
});
