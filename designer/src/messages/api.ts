import { request } from '../api/http';

/** A message as GET /api/messages lists it (recipients masked for roles that may not see them). */
export interface SentMessage {
  id: string;
  channel: string;
  recipient: string | null;
  subject: string | null;
  text: string;
  status: string;
  journeyId: string;
  journeyVersion: number;
  nodeId: string;
  customerId: string;
  createdAt: string;
  sentAt: string | null;
  provider: string | null;
  lastError: string | null;
  /** Why it is held, capped, cancelled or skipped: a code and parameters (server/store/message-reason.ts). */
  reason: { code: string; params: Record<string, string | number> } | null;
}

export interface TestEvent {
  id: string;
  type: string;
  customerId: string;
  occurredAt: string;
  data: Record<string, unknown>;
}

export interface EventsAnswer {
  accepted: { index: number; id: string; duplicate: boolean }[];
  rejected: { index: number; problems: { path: string; message: string }[] }[];
}

export const messagesApi = {
  list: (journeyId?: string) => request<{ messages: SentMessage[] }>('GET', `/api/messages?limit=100${journeyId ? `&journeyId=${encodeURIComponent(journeyId)}` : ''}`),
  postEvent: (event: TestEvent) => request<EventsAnswer>('POST', '/api/events', event),
};
