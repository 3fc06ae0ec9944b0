import { describe, expect, it } from 'vitest';
import type { Problem } from '../../engine/journey/problems';
import { configErrors, problemsByNode } from '../../designer/src/model/problems';

const p = (path: string, message: string, nodeId?: string): Problem => ({ path, code: 'invalid_config', message, ...(nodeId ? { nodeId } : {}) });

describe('problems for the canvas and the inspector', () => {
  it('groups messages by step and keeps unchanged groups identical, so unchanged steps do not re-render', () => {
    const first = problemsByNode([p('nodes[0]', 'a', 'n1'), p('nodes[1]', 'b', 'n2'), p('nodes', 'no trigger')]);
    expect(first).toEqual({ n1: ['a'], n2: ['b'] });
    const second = problemsByNode([p('nodes[0]', 'a', 'n1'), p('nodes[1]', 'c', 'n2')], first);
    expect(second.n1).toBe(first.n1);
    expect(second.n2).toEqual(['c']);
    expect(problemsByNode([], second)).toEqual({});
  });

  it('puts config problems under their top-level field', () => {
    const errors = configErrors(
      [
        p('nodes[1].config.timeout', 'timeout: bad', 'w'),
        p('nodes[1].config.condition.all[0].fact', 'unknown fact', 'w'),
        p('nodes[1]', 'not connected', 'w'),
        p('nodes[2].config.timeout', 'other step', 'x'),
      ],
      'w',
    );
    expect(errors).toEqual({ timeout: { __errors: ['timeout: bad'] }, condition: { __errors: ['unknown fact'] } });
  });
});
