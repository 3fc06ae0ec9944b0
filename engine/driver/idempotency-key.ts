/**
 * The idempotency key of one action visit, made here and read here only. In production it is
 * `<workflowId>/<firstExecutionRunId>/<nodeId>/<visit>`: stable across retries, worker restarts
 * and continue-as-new, new for each visit and each re-entry (a new run). The outbox and the coupon
 * book store it, so its format is a stored contract: node ids and visits never contain "/".
 */
export interface IdempotencyKeyParts {
  workflowId: string;
  runId: string;
  nodeId: string;
  visit: number;
}

export function makeIdempotencyKey({ workflowId, runId, nodeId, visit }: IdempotencyKeyParts): string {
  return `${workflowId}/${runId}/${nodeId}/${visit}`;
}

/** The enrolment (workflow id, first run id) a production key belongs to; undefined for other keys. */
export function parseIdempotencyKey(key: string): { workflowId: string; runId: string } | undefined {
  const parts = key.split('/');
  if (parts.length < 4) return undefined;
  return { workflowId: parts.slice(0, -3).join('/'), runId: parts[parts.length - 3]! };
}

/** The prefix every key of the enrolment `key` belongs to starts with (`<workflowId>/<runId>/`). */
export function enrolmentKeyPrefix(key: string): string | undefined {
  const parts = key.split('/');
  return parts.length >= 4 ? `${parts.slice(0, -2).join('/')}/` : undefined;
}

/**
 * A simulated visit's key: `simulation/<nodeId>/<visit>`, with the enrolment's number after
 * `simulation` from the second enrolment of a run on. It never reaches storage.
 */
export function simulationIdempotencyKey(nodeId: string, visit: number, enrolment = 1): string {
  return enrolment === 1 ? `simulation/${nodeId}/${visit}` : `simulation/${enrolment}/${nodeId}/${visit}`;
}

/** Whose message a key is, for words shown to people: the workflow id of a production key, else its first segment. */
export function keyOwner(key: string): string {
  return parseIdempotencyKey(key)?.workflowId ?? key.split('/')[0]!;
}
