import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createRegistry,
  decisionFacts,
  evaluateCondition,
  messagingSettingsSchema,
  parseCustomerEvent,
  plainMessages,
  simulateJourney,
  stampForPublish,
  validateJourney,
  zodProblems,
  type CustomerEvent,
  type Problem,
  type TopLevelCondition,
} from '../../engine/index';
import { importCsv, type ImportKind } from '../../server/customers/import/csv-import';
import { customersImport } from '../../server/customers/import/customers';
import { ordersImport } from '../../server/customers/import/orders';
import { productsImport } from '../../server/customers/import/products';
import type { Customers } from '../../server/customers/customers';
import type { Orders } from '../../server/customers/orders';
import type { Products } from '../../server/customers/products';
import { paymentReminderDocument } from '../engine/fixtures';
import { brokenJourney, condition, csvFile, customer, customerEvent, simulatedEvents, wellFormedJourney } from './arbitraries';
import { fuzzParameters, fuzzRuns, fuzzTimeout } from './runs';

const registry = createRegistry();
const locale = fc.constantFrom('en' as const, 'zh-CN' as const);
/**
 * As the engine gets data: parsed from JSON. fast-check also makes objects without a prototype,
 * which no request or database row gives (json-rules-engine's `<` throws on them).
 */
const asJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Every problem says where (a path; '' is the document itself, and its message says so) and why. */
function expectLocated(problems: Pick<Problem, 'path' | 'message'>[]): void {
  for (const p of problems) {
    expect(typeof p.path).toBe('string');
    expect(p.message.length).toBeGreaterThan(0);
    if (p.path === '') expect(p.message).toMatch(/^(document|the document|文档|The journey|旅程)/);
  }
}

describe('fuzz: the engine never throws on what users send', () => {
  it(
    'journey documents: validation returns problems with paths, never throws',
    () => {
      fc.assert(
        fc.property(fc.oneof(wellFormedJourney, brokenJourney), locale, (doc, lang) => {
          const result = validateJourney(doc, registry, lang);
          expect(result.ok).toBe(result.problems.length === 0);
          expectLocated(result.problems);
        }),
        fuzzParameters('engine: journey documents'),
      );
    },
    fuzzTimeout('engine: journey documents'),
  );

  it(
    'simulations: any valid journey, any events and customer, stay within a budget and never throw',
    async () => {
      let simulated = 0;
      await fc.assert(
        fc.asyncProperty(
          wellFormedJourney,
          simulatedEvents.map(asJson),
          customer.map(asJson),
          fc.integer({ min: 1, max: 400 }),
          async (doc, events, person, days) => {
            const checked = validateJourney(doc, registry);
            if (!checked.ok) return;
            simulated += 1;
            const journey = stampForPublish(checked.journey, registry);
            const from = '2026-01-01T00:00:00.000Z';
            const result = await simulateJourney({
              journey,
              registry,
              customer: { ...person, facts: person.facts ?? {} },
              events,
              from,
              until: new Date(Date.parse(from) + days * 86_400_000).toISOString(),
              messaging: messagingSettingsSchema.parse({}),
              shopTimezone: 'Asia/Shanghai',
              budget: { steps: 300, messages: 60 },
            });
            expect(result.steps.length).toBeLessThanOrEqual(301 + 1);
            if (result.reason === 'budget') expect(['steps', 'messages', 'clockMoves', 'wallMs', 'responseBytes']).toContain(result.budget?.limit);
          },
        ),
        fuzzParameters('engine: simulations'),
      );
      // The generator is meant to make valid journeys; if it stopped doing so this would test nothing.
      expect(simulated).toBeGreaterThanOrEqual(Math.floor(fuzzRuns()['engine: simulations'] / 10));
    },
    fuzzTimeout('engine: simulations'),
  );

  it(
    'conditions: any rule tree that validates evaluates without throwing, on any facts',
    async () => {
      await fc.assert(
        fc.asyncProperty(condition.map(asJson), customer.map(asJson), simulatedEvents.map(asJson), async (rules, person, events) => {
          const doc = paymentReminderDocument();
          doc.nodes[3]!.config = { conditions: rules };
          const checked = validateJourney(doc, registry);
          expectLocated(checked.problems);
          if (!checked.ok) return;
          const [first] = events;
          const event: CustomerEvent = { id: 'e-1', type: first!.type, customerId: 'c-1', occurredAt: first!.at, data: first!.data };
          const matched = await evaluateCondition(rules as TopLevelCondition, decisionFacts({ event, customer: { ...person, facts: person.facts ?? {} } }));
          expect(typeof matched).toBe('boolean');
        }),
        fuzzParameters('engine: conditions'),
      );
    },
    fuzzTimeout('engine: conditions'),
  );

  it(
    'events: parsing answers with located problems, never throws',
    () => {
      fc.assert(
        fc.property(customerEvent, (input) => {
          const parsed = parseCustomerEvent(input, plainMessages);
          if (!parsed.success) {
            const problems = zodProblems(parsed.error, []);
            expect(problems.length).toBeGreaterThan(0);
            expectLocated(problems);
          }
        }),
        fuzzParameters('engine: events'),
      );
    },
    fuzzTimeout('engine: events'),
  );

  it(
    'CSV rows: every file gives a summary whose counts add up, or a header problem; never throws',
    async () => {
      // The stores as the import sees them, in memory: what is read, not where it goes, is under test.
      const stored = { upsertImported: async (rows: unknown[]) => ({ inserted: rows.length, updated: 0 }), changeSubscriptions: async () => undefined };
      const kinds: (() => ImportKind<unknown>)[] = [
        () => customersImport(stored as unknown as Customers) as ImportKind<unknown>,
        () => ordersImport(stored as unknown as Orders) as ImportKind<unknown>,
        () => productsImport(stored as unknown as Products) as ImportKind<unknown>,
      ];
      await fc.assert(
        fc.asyncProperty(csvFile, fc.nat({ max: kinds.length - 1 }), async (text, k) => {
          const result = await importCsv(Readable.from([text]), kinds[k]!(), 3);
          if ('error' in result) {
            expect(result.error).toBe('invalid_csv');
            expect(result.message.length).toBeGreaterThan(0);
            return;
          }
          expect(result.inserted + result.updated + result.unchanged + result.failed).toBe(result.rows);
          for (const e of result.errors) {
            expect(e.line).toBeGreaterThanOrEqual(1);
            expect(e.reason.length).toBeGreaterThan(0);
          }
        }),
        fuzzParameters('engine: CSV rows'),
      );
    },
    fuzzTimeout('engine: CSV rows'),
  );
});
