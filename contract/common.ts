import { z } from 'zod';
import { customerEventSchema } from '../engine/events/schema';
import { journeySchema } from '../engine/journey/schema';

/** Schemas many endpoints share, named once for the OpenAPI document's components. */
export const journeyDocument = journeySchema.meta({ id: 'Journey' });
export const customerEvent = customerEventSchema.meta({ id: 'CustomerEvent' });
/** A path naming one thing by its id. */
export const idParams = z.object({ id: z.string() });
