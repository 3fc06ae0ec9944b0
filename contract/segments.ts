import { z } from 'zod';
import { idParams } from './common';
import { endpoint } from './endpoint';

/** A segment's condition on the wire: json-rules-engine conditions over the facts catalog, checked as a journey's are. */
const conditionDocument = z.unknown().meta({
  id: 'SegmentCondition',
  description: 'json-rules-engine conditions ({ all | any | not }) over the facts catalog (GET /api/meta/facts), checked as a journey’s conditions are',
});

export const segmentSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    condition: conditionDocument,
    /** Members when membership was last computed (with the facts refresh and after customers' own changes). */
    count: z.number().int(),
    computedAt: z.string().nullable(),
    createdAt: z.string(),
    createdBy: z.string().nullable(),
    updatedAt: z.string(),
    updatedBy: z.string().nullable(),
  })
  .meta({ id: 'Segment' });

/** What a marketer writes; the condition is checked by the handler with the journeys' condition check. */
export const segmentInputSchema = z.object({
  name: z.string().trim().min(1, 'give the segment a name').max(100, 'at most 100 characters'),
  description: z.string().max(1000, 'at most 1,000 characters').default(''),
  condition: conditionDocument,
});

export const previewCustomerSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  /** The facts the condition reads, by fact (and path, `customer.$.region`). */
  facts: z.record(z.string(), z.unknown()),
});

const invalidSegment = { 400: 'The name, description or condition does not fit (error invalid_segment): each problem names its field' };

export const listSegments = endpoint({
  method: 'GET',
  path: '/api/segments',
  access: 'analyst',
  summary: 'The segments, each with its count',
  response: z.object({ segments: z.array(segmentSchema) }),
});

export const getSegment = endpoint({
  method: 'GET',
  path: '/api/segments/:id',
  access: 'analyst',
  summary: 'One segment with its count',
  params: idParams,
  response: z.object({ segment: segmentSchema }),
  answers: { 404: 'No such segment' },
});

export const createSegment = endpoint({
  method: 'POST',
  path: '/api/segments',
  access: 'marketer',
  summary: 'Creates a segment',
  description: 'Creates a segment and computes its members (the starting point: nobody is announced as entered).',
  body: segmentInputSchema,
  bodyCheckedBy: 'handler',
  status: 201,
  response: z.object({ segment: segmentSchema }),
  answers: invalidSegment,
});

export const updateSegment = endpoint({
  method: 'PUT',
  path: '/api/segments/:id',
  access: 'marketer',
  summary: 'Changes a segment',
  description: 'A changed condition computes the members again as a new starting point (nobody is announced as entering or leaving by the edit).',
  params: idParams,
  body: segmentInputSchema,
  bodyCheckedBy: 'handler',
  response: z.object({ segment: segmentSchema }),
  answers: { ...invalidSegment, 404: 'No such segment' },
});

export const deleteSegment = endpoint({
  method: 'DELETE',
  path: '/api/segments/:id',
  access: 'marketer',
  summary: 'Deletes a segment',
  description: 'Journeys that name it stop receiving its entries; a broadcast naming it refuses to run (its audience is unknown).',
  params: idParams,
  response: z.object({ deleted: z.boolean() }),
  answers: { 404: 'No such segment' },
});

export const previewSegment = endpoint({
  method: 'POST',
  path: '/api/segments/preview',
  access: 'analyst',
  summary: 'How many customers a condition matches now, and a sample',
  description:
    'The count over the stored facts of the last refresh, and up to 10 matching customers with the facts the condition reads (contacts masked unless admin).',
  body: z.object({ condition: conditionDocument }),
  bodyCheckedBy: 'handler',
  response: z.object({ count: z.number().int(), sample: z.array(previewCustomerSchema) }),
  answers: invalidSegment,
});

export const exportSegment = endpoint({
  method: 'GET',
  path: '/api/segments/:id/export.csv',
  access: 'admin',
  summary: 'The segment’s members as CSV',
  description: 'id, name, phone, email, stage, tier, tags of every member, streamed in id order. Admins only: it holds every member’s contacts.',
  params: idParams,
  response: z.string(),
  responseMediaType: 'text/csv',
  answers: { 404: 'No such segment' },
});

export const segmentEndpoints = [listSegments, previewSegment, getSegment, createSegment, updateSegment, deleteSegment, exportSegment] as const;
