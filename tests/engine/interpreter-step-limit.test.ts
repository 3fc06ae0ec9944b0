import { describe, expect, it } from 'vitest';
import { createRegistry, Interpreter, journeySchema, MAX_STEPS_WITHOUT_WAIT, type RunState } from '../../engine/index';
import { journeyDocument } from './fixtures';

// A loop without a wait: validation refuses it, the interpreter must still not spin forever.
const loop = journeySchema.parse(
  journeyDocument(
    [
      { id: 'start', type: 'trigger.event' },
      { id: 'check', type: 'condition', config: { conditions: { all: [] } } },
      { id: 'nudge', type: 'message.send', config: { channel: 'sms', template: '请付款' } },
      { id: 'done', type: 'exit' },
    ],
    [
      ['start', 'next', 'check'],
      ['check', 'yes', 'nudge'],
      ['nudge', 'next', 'check'],
      ['check', 'no', 'done'],
    ],
  ),
);

describe('the step-limit guard', () => {
  const interpreter = new Interpreter(loop, createRegistry());

  it('exits with reason step-limit once stepsSinceWait exceeds MAX_STEPS_WITHOUT_WAIT', () => {
    const state: RunState = { cursor: 'nudge', visits: { nudge: 1 }, stepsSinceWait: MAX_STEPS_WITHOUT_WAIT + 1 };
    expect(interpreter.instruction(state)).toEqual({ kind: 'exit', nodeId: 'nudge', reason: 'step-limit' });
  });

  it('still acts at exactly MAX_STEPS_WITHOUT_WAIT steps', () => {
    const state: RunState = { cursor: 'nudge', visits: { nudge: 1 }, stepsSinceWait: MAX_STEPS_WITHOUT_WAIT };
    expect(interpreter.instruction(state).kind).toBe('action');
  });

  it('stops a customer driven round a loop without a wait', async () => {
    let state = interpreter.enter();
    let steps = 1;
    for (;;) {
      const instruction = interpreter.instruction(state);
      if (instruction.kind === 'exit') {
        expect(instruction.reason).toBe('step-limit');
        break;
      }
      const port = instruction.kind === 'decide' ? await interpreter.decide(state, {}) : 'next';
      state = interpreter.advance(state, port);
      steps += 1;
      expect(steps).toBeLessThanOrEqual(MAX_STEPS_WITHOUT_WAIT + 1);
    }
    expect(state.stepsSinceWait).toBe(MAX_STEPS_WITHOUT_WAIT + 1);
    expect(state.visits.nudge).toBeGreaterThan(90);
  });
});
