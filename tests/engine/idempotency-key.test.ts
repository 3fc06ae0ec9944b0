import { describe, expect, it } from 'vitest';
import { enrolmentKeyPrefix, keyOwner, makeIdempotencyKey, parseIdempotencyKey, simulationIdempotencyKey } from '../../engine/index';

describe('the idempotency key of an action visit', () => {
  const key = makeIdempotencyKey({ workflowId: 'journey:pay:c-1:TB1', runId: 'run-1', nodeId: 'sms', visit: 2 });

  it('is `<workflowId>/<firstExecutionRunId>/<nodeId>/<visit>`, the format stored in messages and coupons', () => {
    expect(key).toBe('journey:pay:c-1:TB1/run-1/sms/2');
  });

  it('reads back its enrolment, its prefix and its owner', () => {
    expect(parseIdempotencyKey(key)).toEqual({ workflowId: 'journey:pay:c-1:TB1', runId: 'run-1' });
    expect(enrolmentKeyPrefix(key)).toBe('journey:pay:c-1:TB1/run-1/');
    expect(keyOwner(key)).toBe('journey:pay:c-1:TB1');
  });

  it('keeps a workflow id with "/" in it (an order id) whole', () => {
    const slashed = makeIdempotencyKey({ workflowId: 'journey:pay:c-1:A/B', runId: 'r', nodeId: 'n', visit: 1 });
    expect(parseIdempotencyKey(slashed)).toEqual({ workflowId: 'journey:pay:c-1:A/B', runId: 'r' });
    expect(enrolmentKeyPrefix(slashed)).toBe('journey:pay:c-1:A/B/r/');
  });

  it('other keys have no enrolment; their owner is their first segment', () => {
    expect(parseIdempotencyKey('simulation/sms/1')).toBeUndefined();
    expect(enrolmentKeyPrefix('simulation/sms/1')).toBeUndefined();
    expect(keyOwner('manual-1')).toBe('manual-1');
    expect(keyOwner('a/b')).toBe('a');
  });

  it('a simulation key names the enrolment from the second on', () => {
    expect(simulationIdempotencyKey('sms', 1)).toBe('simulation/sms/1');
    expect(simulationIdempotencyKey('sms', 3, 2)).toBe('simulation/2/sms/3');
  });
});
