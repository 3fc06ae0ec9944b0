import type { z } from 'zod';

/**
 * Parse options that word zod's generic messages for people: a missing field "is required" rather
 * than "Invalid input: expected string, received undefined". Messages a schema sets stay as they are.
 */
export const plainMessages: z.core.ParseContext<z.core.$ZodIssue> = {
  error: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : undefined),
};
