import { z } from 'zod';
import { idParams, journeyDocument } from './common';
import { endpoint } from './endpoint';
import { journeyWarningSchema } from './analysis';

export const publishJourney = endpoint({
  method: 'POST',
  path: '/api/journeys/:id/publish',
  access: 'marketer',
  summary: 'Published as a new immutable version',
  description:
    'Published as a new immutable version; warnings say what will not work as drawn (unknown template variables, refused webhook addresses). A broadcast trigger is scheduled for its time.',
  params: idParams,
  response: z.object({
    journey: journeyDocument,
    version: z.number(),
    broadcast: z
      .object({ workflowId: z.string(), startsAt: z.string().meta({ description: 'When it starts (ISO 8601); a time passed starts at once' }) })
      .optional()
      .meta({ description: 'The broadcast scheduled, for a journey with a broadcast trigger' }),
    warnings: z.array(journeyWarningSchema),
  }),
  answers: { 400: 'The journey has problems (error invalid_journey, each problem by path)', 404: 'Unknown journey' },
});

const status = (verb: 'pause' | 'resume', summary: string) =>
  endpoint({
    method: 'POST',
    path: `/api/journeys/:id/${verb}`,
    access: 'marketer',
    summary,
    params: idParams,
    response: z.object({ journey: journeyDocument }),
    answers: { 404: 'Unknown journey', 409: 'The journey is a draft or stopped' },
  } as const);

export const pauseJourney = status('pause', 'Paused: no new entries, customers inside hold');
export const resumeJourney = status('resume', 'Live again');

export const stopJourney = endpoint({
  method: 'POST',
  path: '/api/journeys/:id/stop',
  access: 'marketer',
  summary: 'Stopped',
  description: 'Stops a journey: nobody enters, everyone inside leaves at once (exit reason `stopped`).',
  params: idParams,
  response: z.object({ journey: journeyDocument, stopping: z.number().int().meta({ description: 'Customers inside, told to leave' }) }),
  answers: { 404: 'Unknown journey' },
});

export const journeyConversions = endpoint({
  method: 'GET',
  path: '/api/journeys/:id/conversions',
  access: 'analyst',
  summary: 'Conversions by node and version',
  description: 'Conversions of the journey’s goal, credited to the last message it sent within the goal window, by node and version.',
  params: idParams,
  response: z.object({
    goal: z.unknown(),
    conversions: z.object({ total: z.number(), byNode: z.record(z.string(), z.number()), byVersion: z.record(z.string(), z.number()) }),
  }),
  answers: { 404: 'Unknown journey' },
});

export const journeyLifeEndpoints = [publishJourney, pauseJourney, resumeJourney, stopJourney, journeyConversions] as const;
