import type { CustomerEvent } from '../../engine/index';
import type { StoredEvent } from './event-effects';

interface Waiting {
  events: readonly CustomerEvent[];
  resolve(answers: StoredEvent[]): void;
  reject(error: unknown): void;
}

export interface GroupCommitOptions {
  /** Transactions at a time; requests arriving meanwhile wait and go together in the next one. */
  lanes: number;
  /** Events at most in one transaction (several requests' worth). */
  maxEvents: number;
}

/**
 * Group commit for the event log: requests arriving while a transaction is under way are stored
 * together in the next one, so sixteen clients posting one event each cost a few commits rather
 * than sixteen. Nothing waits when the store is idle (a lone request starts at once), and each
 * caller is answered only after the transaction holding its events committed — 202 still means
 * stored. When a shared transaction fails, each request in it is tried alone, so one request's
 * bad data cannot fail its neighbours.
 */
export class GroupCommit {
  readonly #waiting: Waiting[] = [];
  #running = 0;

  constructor(
    private readonly storeBatch: (events: readonly CustomerEvent[]) => Promise<StoredEvent[]>,
    private readonly options: GroupCommitOptions = { lanes: 2, maxEvents: 1000 },
  ) {}

  /** Whether requests are being stored or wait to be. */
  get busy(): boolean {
    return this.#running > 0 || this.#waiting.length > 0;
  }

  /** Stores the events (with others' when they arrive together); answers per event, in order. */
  store(events: readonly CustomerEvent[]): Promise<StoredEvent[]> {
    if (events.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.#waiting.push({ events, resolve, reject });
      this.#pump();
    });
  }

  #pump(): void {
    while (this.#running < this.options.lanes && this.#waiting.length > 0) {
      const group: Waiting[] = [this.#waiting.shift()!];
      let size = group[0]!.events.length;
      while (this.#waiting.length > 0 && size + this.#waiting[0]!.events.length <= this.options.maxEvents) {
        const next = this.#waiting.shift()!;
        size += next.events.length;
        group.push(next);
      }
      this.#running++;
      void this.#commit(group).finally(() => {
        this.#running--;
        this.#pump();
      });
    }
  }

  async #commit(group: Waiting[]): Promise<void> {
    try {
      const answers = await this.storeBatch(group.flatMap((w) => w.events));
      let from = 0;
      for (const w of group) {
        w.resolve(answers.slice(from, from + w.events.length));
        from += w.events.length;
      }
    } catch (e) {
      if (group.length === 1) return group[0]!.reject(e);
      for (const w of group) await this.storeBatch(w.events).then(w.resolve, w.reject);
    }
  }
}
