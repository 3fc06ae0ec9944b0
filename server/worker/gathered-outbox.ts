import type { DispatchResult, OutgoingMessage } from '../../engine/index';
import type { Outbox } from '../messaging/outbox';

interface Waiting {
  message: OutgoingMessage;
  resolve: (result: DispatchResult) => void;
  reject: (error: unknown) => void;
}

/**
 * An outbox for the members of a cohort's chunk, whose actions run side by side: each member's
 * message waits until the others running with it have reached theirs (the next turn of the event
 * loop), then all go to the outbox in one batch (`Outbox.enqueueMany`, which stores and guards them
 * exactly as one `enqueue` after another would). Each member gets its own message's result; a batch
 * that fails fails each of its members' actions, which are tried again as a lone customer's would be.
 */
export class GatheredOutbox {
  #waiting: Waiting[] = [];

  constructor(private readonly outbox: Pick<Outbox, 'enqueueMany'>) {}

  enqueue(message: OutgoingMessage): Promise<DispatchResult> {
    return new Promise((resolve, reject) => {
      if (this.#waiting.length === 0) setImmediate(() => void this.#write());
      this.#waiting.push({ message, resolve, reject });
    });
  }

  async #write(): Promise<void> {
    const batch = this.#waiting;
    this.#waiting = [];
    try {
      const results = await this.outbox.enqueueMany(batch.map((w) => w.message));
      batch.forEach((w, i) => w.resolve(results[i]!));
    } catch (e) {
      for (const w of batch) w.reject(e);
    }
  }
}
