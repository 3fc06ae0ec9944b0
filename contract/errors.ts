import { z } from 'zod';

/** One thing wrong, where: a field path (`nodes[2].config.template`), a code, and a message naming the field. */
export const problemSchema = z.object({ path: z.string(), code: z.string(), message: z.string(), nodeId: z.string().optional() }).meta({ id: 'Problem' });
export type WireProblem = z.infer<typeof problemSchema>;

/** The body of every error answer: a code, a message in the caller's language, and problems by path where there are. */
export const errorBodySchema = z
  .object({ error: z.string(), message: z.string().optional(), problems: z.array(problemSchema).optional() })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof errorBodySchema>;
