import type { CustomerEvent } from '../events/schema';
import { eventMatchesWait } from '../interpreter/interpreter';
import type { Journey } from '../journey/schema';

/** How many event ids a journey remembers to drop duplicate deliveries. */
export const SEEN_EVENTS_KEPT = 200;
/** Unconsumed events kept for the next wait-for-event step; older ones are dropped first. */
export const INBOX_KEPT = 100;

/**
 * The events reaching one enrolment after its entry: duplicates dropped by id, the rest kept in an
 * inbox for the next wait-for-event step (so an early payment still counts) and, when they are of a
 * type the journey's exit criteria name, queued to be checked against them between steps.
 */
export class EventIntake {
  /** Events received since the previous wait-for-event step ended (or since entry). */
  inbox: CustomerEvent[];
  readonly #seen: Set<string>;
  readonly #exitWhen: NonNullable<Journey['settings']['exitWhen']>;
  /** Events not yet checked against the exit criteria. */
  readonly #exitQueue: CustomerEvent[] = [];

  constructor(
    journey: Journey,
    private readonly entry: CustomerEvent,
    carried?: { inbox: CustomerEvent[]; seenEventIds: string[] },
  ) {
    this.inbox = carried?.inbox ?? [];
    this.#seen = new Set(carried?.seenEventIds ?? [entry.id]);
    // Documents published before exit criteria existed have no such field.
    this.#exitWhen = journey.settings.exitWhen ?? [];
  }

  receive(event: CustomerEvent): void {
    if (this.#seen.has(event.id)) return;
    this.#seen.add(event.id);
    if (this.#seen.size > SEEN_EVENTS_KEPT) this.#seen.delete(this.#seen.values().next().value!);
    this.inbox.push(event);
    if (this.inbox.length > INBOX_KEPT) this.inbox.shift();
    if (this.#exitWhen.some((w) => w.eventType === event.type)) this.#exitQueue.push(event);
  }

  /** Whether an event waits to be checked against the exit criteria. */
  get exitPending(): boolean {
    return this.#exitQueue.length > 0;
  }

  /** `exit-when <type>` when a queued event meets an exit criterion; the events checked leave the queue. */
  async exitReason(): Promise<string | undefined> {
    while (this.#exitQueue.length > 0) {
      const event = this.#exitQueue.shift()!;
      for (const w of this.#exitWhen) {
        if (await eventMatchesWait({ eventType: w.eventType, sameOrder: w.sameOrder, condition: w.condition, timeoutMs: 0 }, event, this.entry))
          return `exit-when ${w.eventType}`;
      }
    }
    return undefined;
  }

  get seenEventIds(): string[] {
    return [...this.#seen];
  }
}
