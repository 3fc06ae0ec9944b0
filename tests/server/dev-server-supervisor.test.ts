import { describe, expect, it } from 'vitest';
import { createLogger } from '../../server/logger';
import type { DevServerRun } from '../../server/temporal/dev-server';
import { DevServerSupervisor } from '../../server/temporal/supervisor';
import { eventually } from '../support/journeys';

/** A server run the test ends by hand: `crash()` is an exit nobody asked for. */
function fakeRun(pid: number) {
  let end!: (how: string) => void;
  const exited = new Promise<string>((resolve) => (end = resolve));
  const run: DevServerRun & { crash(): void; stopped: boolean } = {
    pid,
    exited,
    stopped: false,
    crash: () => end('killed by SIGKILL'),
    async stop() {
      run.stopped = true;
      end('stopped');
    },
  };
  return run;
}

const quiet = createLogger('silent');

describe('the embedded dev server supervisor', () => {
  it('starts the server again after an unexpected exit, and again when a restart fails', async () => {
    const runs: ReturnType<typeof fakeRun>[] = [];
    let failNext = false;
    const supervisor = await DevServerSupervisor.start({
      start: async () => {
        if (failNext) {
          failNext = false;
          throw new Error('port busy');
        }
        const run = fakeRun(100 + runs.length);
        runs.push(run);
        return run;
      },
      log: quiet,
      backoffMs: [1, 1],
    });
    expect(supervisor.state).toBe('ok');
    expect(supervisor.pid).toBe(100);

    runs[0]!.crash();
    await eventually(async () => (supervisor.restarts === 1 ? true : undefined));
    expect(supervisor.state).toBe('ok');
    expect(supervisor.pid).toBe(101);

    failNext = true;
    runs[1]!.crash();
    await eventually(async () => (supervisor.restarts === 2 ? true : undefined));
    // One failed attempt in between, then a new run.
    expect(runs).toHaveLength(3);
    expect(supervisor.pid).toBe(102);
    await supervisor.stop();
    expect(runs[2]!.stopped).toBe(true);
  });

  it('does not take its own stop for a crash', async () => {
    let starts = 0;
    const supervisor = await DevServerSupervisor.start({
      start: async () => (starts++, fakeRun(200)),
      log: quiet,
      backoffMs: [1],
    });
    await supervisor.stop();
    await new Promise((r) => setTimeout(r, 50));
    expect(starts).toBe(1);
    expect(supervisor.restarts).toBe(0);
    expect(supervisor.state).toBe('stopped');
  });

  it('says recovering between the exit and the restart, and a stop then ends the attempts', async () => {
    let starts = 0;
    const first = fakeRun(300);
    const supervisor = await DevServerSupervisor.start({
      start: async () => (starts++ === 0 ? first : fakeRun(301)),
      log: quiet,
      // Long enough that the stop comes while it waits.
      backoffMs: [60_000],
    });
    first.crash();
    await eventually(async () => (supervisor.state === 'recovering' ? true : undefined));
    expect(supervisor.pid).toBeUndefined();
    await supervisor.stop();
    expect(starts).toBe(1);
    expect(supervisor.state).toBe('stopped');
  });
});
