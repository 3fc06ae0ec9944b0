// `npm run bench [-- name...]`: prints figures and ratios against a baseline measured in the same
// run. Never part of `npm test`; no timing is asserted anywhere.
import { audienceBenches } from './audience';
import { broadcastMemoryBenches } from './broadcast-memory';
import { cohortBenches } from './cohorts';
import { crmBenches } from './crm';
import { designerBenches } from './designer';
import { engineBenches } from './engine';
import { factsBenches } from './facts';
import { tagRuleBenches } from './tag-rules';
import { ingestBenches } from './ingest';
import { journeysBenches } from './journeys';
import { outboxBenches } from './outbox';
import { settingsPreviewBenches } from './settings-preview';
import { segmentBenches } from './segments';
import { urgentBenches } from './urgent-lane';
import { actionsBenches } from './temporal-actions';

export interface BenchResult {
  name: string;
  figures: Record<string, string>;
}

const benches: Record<string, () => Promise<BenchResult>> = {
  ...engineBenches,
  ...factsBenches,
  ...tagRuleBenches,
  ...journeysBenches,
  ...designerBenches,
  ...broadcastMemoryBenches,
  ...urgentBenches,
  ...actionsBenches,
  ...ingestBenches,
  ...cohortBenches,
  ...audienceBenches,
  ...outboxBenches,
  ...segmentBenches,
  ...crmBenches,
  ...settingsPreviewBenches,
};

const wanted = process.argv.slice(2).filter((a) => a !== '--');
const names = wanted.length > 0 ? wanted : Object.keys(benches);
for (const name of names) {
  const bench = benches[name];
  if (!bench) {
    console.error(`unknown bench "${name}"; known: ${Object.keys(benches).join(', ')}`);
    process.exit(2);
  }
  const result = await bench();
  console.log(`\n${result.name}`);
  for (const [k, v] of Object.entries(result.figures)) console.log(`  ${k.padEnd(34)} ${v}`);
}
