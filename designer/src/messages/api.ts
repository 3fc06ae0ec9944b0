import type { z } from 'zod';
import { listMessages, postEvents, type customerEvent, type messageSchema, type ResponseOf } from '../../../contract/index';
import { call } from '../api/call';

/** A message as GET /api/messages lists it (recipients masked for roles that may not see them; contract/messages.ts). */
export type SentMessage = z.infer<typeof messageSchema>;
export type TestEvent = z.input<typeof customerEvent>;
export type EventsAnswer = ResponseOf<typeof postEvents>;

export const messagesApi = {
  list: (journeyId?: string) => call(listMessages, { query: { limit: 100, ...(journeyId ? { journeyId } : {}) } }),
  postEvent: (event: TestEvent) => call(postEvents, { body: event }),
};
