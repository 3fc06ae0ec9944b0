import type { z } from 'zod';
import {
  createSegment,
  deleteSegment,
  exportSegment,
  listSegments,
  previewSegment,
  updateSegment,
  type previewCustomerSchema,
  type segmentSchema,
} from '../../../contract/segments';
import type { TopLevelCondition } from '../../../engine/rules/conditions';
import { pathOf } from './call';
import { call } from './call';
import { ApiError, sessionHeaders } from './http';

export type Segment = z.infer<typeof segmentSchema>;
export type PreviewCustomer = z.infer<typeof previewCustomerSchema>;
export interface SegmentDraft {
  name: string;
  description: string;
  condition: TopLevelCondition;
}

export const fetchSegments = () => call(listSegments);
export const previewCondition = (condition: TopLevelCondition) => call(previewSegment, { body: { condition } });
// The segments' names, read once for the canvas's words; a save or a deletion reads them again.
let namesRead: Promise<Map<string, string>> | null = null;

/** The shop's segments' names by id. */
export function segmentNames(): Promise<Map<string, string>> {
  namesRead ??= fetchSegments().then((answer) => new Map(answer.segments.map((s) => [s.id, s.name])));
  namesRead.catch(() => (namesRead = null));
  return namesRead;
}

export const saveSegment = async (draft: SegmentDraft, id?: string) => {
  const answer = await (id ? call(updateSegment, { params: { id }, body: draft }) : call(createSegment, { body: draft }));
  namesRead = null;
  return answer;
};
export const removeSegment = async (id: string) => {
  const answer = await call(deleteSegment, { params: { id } });
  namesRead = null;
  return answer;
};

/** The members' CSV, fetched with the session's token (a plain link would carry none) and handed to the browser as a download. */
export async function downloadSegmentCsv(segment: Segment): Promise<void> {
  const res = await fetch(pathOf(exportSegment, { id: segment.id }), { headers: { ...sessionHeaders(), Accept: 'text/csv' } });
  if (!res.ok) throw new ApiError(res.status, (await res.json().catch(() => ({ error: `HTTP ${res.status}` }))) as { error: string });
  const url = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = `${segment.name || segment.id}.csv`;
  link.click();
  URL.revokeObjectURL(url);
}
