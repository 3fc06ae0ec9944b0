import type { Client } from '@temporalio/client';
import type { NodeRegistry } from '../../engine/index';
import type { Db } from '../db/database';
import type { FactsService } from '../facts/facts-service';
import type { SettingsStore } from '../facts/settings-store';
import type { Logger } from '../logger';
import type { EventRouter } from '../routing/event-router';
import type { Customers } from '../store/customers';
import type { Enrolments } from '../store/enrolments';
import type { Events } from '../store/events';
import type { Journeys } from '../store/journeys';
import type { Orders } from '../store/orders';
import type { Outbox } from '../store/outbox';
import type { Conversions } from '../routing/conversions';
import type { TemplateCatalog } from '../journey-templates/catalog';
import type { Products } from '../store/products';
import type { TriggerServices } from '../triggers/services';
import type { EmbeddedServerState } from '../temporal/supervisor';

/** Everything the HTTP routes use, built once at start-up. */
export interface AppContext {
  db: Db;
  registry: NodeRegistry;
  journeys: Journeys;
  events: Events;
  customers: Customers;
  orders: Orders;
  products: Products;
  enrolments: Enrolments;
  outbox: Outbox;
  conversions: Conversions;
  templates: TemplateCatalog;
  settings: SettingsStore;
  facts: FactsService;
  router: EventRouter;
  /** `embedded` is the embedded dev server's supervision state, when this process runs that server. */
  temporal: { client: Client; namespace: string; embedded?: (() => EmbeddedServerState) | undefined };
  log: Logger;
  /** Date triggers' calendar job and broadcasts (absent when the process has no Temporal client for them). */
  triggers?: TriggerServices | undefined;
  /** The operator's outbound HTTP allow-list (HUITOU_HTTP_ALLOW), for publish-time webhook warnings; none when absent. */
  httpAllow?: string[] | undefined;
}
