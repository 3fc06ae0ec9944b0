import { z } from 'zod';

/**
 * Who a staff task is for. A task's recipient in the outbox is its queue (`phone-calls`), or the
 * queue and the assignee's WeCom userid joined by a slash (`phone-calls/zhangsan`) when the step
 * names one: staff lists read both, and the WeCom provider sends to the userid. A queue cannot
 * hold a slash, so the two never mix.
 */

/** WeCom userids: 1–64 letters, digits and `_ - . @` (WeCom's own rule for a member's account). */
export const WECOM_USERID = /^[A-Za-z0-9_.@-]{1,64}$/;

export const wecomUserIdSchema = z.string().regex(WECOM_USERID, 'must be a WeCom userid: 1 to 64 letters, digits, "_", "-", "." or "@"');

/** A profile attribute's name, as attribute.set and date triggers name them (Chinese names allowed). */
export const assigneeAttributeSchema = z
  .string()
  .min(1, 'name the attribute')
  .max(64, 'must be at most 64 characters')
  .regex(/^[\p{L}\p{N}_-]*$/u, 'may use only letters, digits, "-" and "_"');

export interface TaskAssignment {
  /** A fixed assignee; with `assigneeAttribute`, the one who takes the task when the customer has no owner. */
  assignee?: string | undefined;
  /** The profile attribute holding the customer's own staff member's WeCom userid (e.g. `owner`, `专属客服`). */
  assigneeAttribute?: string | undefined;
}

/**
 * The WeCom userid a task goes to: the customer's owner when the step reads one from the profile
 * and it is a valid userid, else the step's fixed assignee, else nobody (the task stays with the
 * queue; a WeCom app then sends it to the operator's fallback user).
 */
export function chooseAssignee(assignment: TaskAssignment, customer: Record<string, unknown>): string | undefined {
  if (assignment.assigneeAttribute !== undefined) {
    const owner = customer[assignment.assigneeAttribute];
    if (typeof owner === 'string' && WECOM_USERID.test(owner.trim())) return owner.trim();
  }
  return assignment.assignee;
}

/** The outbox recipient of a task in `queue` for `assignee`. */
export function taskRecipient(queue: string, assignee: string | undefined): string {
  return assignee === undefined ? queue : `${queue}/${assignee}`;
}

/** A task's recipient read back: its queue and, when it has one, its assignee's WeCom userid. */
export function parseTaskRecipient(recipient: string): { queue: string; assignee?: string } {
  const slash = recipient.indexOf('/');
  if (slash < 0) return { queue: recipient };
  const assignee = recipient.slice(slash + 1);
  return WECOM_USERID.test(assignee) ? { queue: recipient.slice(0, slash), assignee } : { queue: recipient };
}
