// The single-event phase's clients, in a thread of their own: in the bench's main thread their
// fetch calls took 45 % of the thread the server runs on, so the server's rate could not be read.
// Plain JavaScript, so the thread needs no TypeScript loader. workerData: { url, token, events,
// clients }; posts each event as its own request, `clients` at a time, and answers 'done' or the
// first failure.
import { parentPort, workerData } from 'node:worker_threads';

const { url, token, events, clients } = workerData;

async function postOnce(event) {
  // A keep-alive socket can close just as a request goes out on it; events carry their ids, so
  // sending again is safe (a stored one is answered as a duplicate).
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(`${url}/api/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(event),
      });
      const text = await res.text();
      if (res.status !== 202) throw Object.assign(new Error(`POST /api/events answered ${res.status}: ${text.slice(0, 300)}`), { final: true });
      return;
    } catch (e) {
      if (e.final || attempt >= 3) throw e;
    }
  }
}

const queue = [...events];
try {
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let event = queue.shift(); event !== undefined; event = queue.shift()) await postOnce(event);
    }),
  );
  parentPort.postMessage({ done: true });
} catch (e) {
  parentPort.postMessage({ error: String(e?.message ?? e) });
}
