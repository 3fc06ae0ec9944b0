import { configFromEnv } from './config';
import { createLogger } from './logger';
import { startHuitou } from './runtime';
import { quietTemporalSdk } from './temporal/sdk-logging';

/** `npm start`: Huitou on its embedded defaults, or one role of it at scale (HUITOU_ROLE). */
quietTemporalSdk();
const started = Date.now();
const config = configFromEnv();
const log = createLogger();
// HUITOU_WORKFLOW_BUNDLE: a workflow bundle built ahead (a deployment builds it once for all its
// workers; tests share one), instead of bundling the workflows at every worker start.
const bundle = process.env.HUITOU_WORKFLOW_BUNDLE;
const huitou = await startHuitou(config, { log, ...(bundle ? { workflowBundle: { codePath: bundle } } : {}) });

const lines = [
  '',
  `Huitou is running (${config.role}) — ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  ...(huitou.url
    ? [`  Designer:         ${huitou.url}/#token=${huitou.token}`, `  API:              ${huitou.url}/api  (Authorization: Bearer ${huitou.token})`]
    : []),
  `  API token:        ${huitou.token}${huitou.tokenGenerated ? '  (new; stored in ' + config.dataDir + '/api-token)' : ''}`,
  `  Temporal:         ${huitou.temporal.address}${huitou.temporal.started ? ' (embedded dev server)' : ''}`,
  ...(huitou.temporal.uiUrl ? [`  Temporal Web UI:  ${huitou.temporal.uiUrl}`] : []),
  `  Database:         ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : 'embedded, ' + config.dataDir + '/db'}`,
  '',
];
process.stdout.write(lines.join('\n') + '\n');

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info('stopping');
    huitou.stop().then(
      () => process.exit(0),
      (e: Error) => {
        log.error({ err: e.message }, 'stop failed');
        process.exit(1);
      },
    );
  });
}
