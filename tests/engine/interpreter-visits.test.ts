import { expect, it } from 'vitest';
import { createRegistry, Interpreter, journeySchema, validateJourney } from '../../engine/index';
import { journeyDocument } from './fixtures';

it('counts a visit each time a node is entered again, and passes it to the action', () => {
  // A weekly nudge: send → wait → send → wait …
  const doc = journeyDocument(
    [
      { id: 'start', type: 'trigger.event' },
      { id: 'nudge', type: 'message.send', config: { channel: 'sms', template: '别忘了您的购物车' } },
      { id: 'week', type: 'wait', config: { duration: 'P1W' } },
    ],
    [
      ['start', 'next', 'nudge'],
      ['nudge', 'next', 'week'],
      ['week', 'next', 'nudge'],
    ],
  );
  const registry = createRegistry();
  expect(validateJourney(doc, registry).problems).toEqual([]);
  const interpreter = new Interpreter(journeySchema.parse(doc), registry);

  let state = interpreter.enter();
  expect(interpreter.instruction(state)).toMatchObject({ kind: 'action', nodeId: 'nudge', visit: 1 });
  state = interpreter.advance(state, 'next');
  expect(interpreter.instruction(state)).toEqual({ kind: 'sleep', nodeId: 'week', needsCustomer: false });
  state = interpreter.advance(state, 'next');
  expect(interpreter.instruction(state)).toMatchObject({ kind: 'action', nodeId: 'nudge', visit: 2 });
  state = interpreter.advance(interpreter.advance(state, 'next'), 'next');
  expect(state).toEqual({ cursor: 'nudge', visits: { start: 1, nudge: 3, week: 2 }, stepsSinceWait: 0 });
  expect(interpreter.instruction(state)).toMatchObject({ kind: 'action', nodeId: 'nudge', visit: 3 });
});
