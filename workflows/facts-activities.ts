/** The daily facts refresh's activity as its workflow calls it; implemented by server/worker/facts-activities.ts. */
export interface FactsActivities {
  /** Refreshes every customer's facts; the changes are stored as events in the refresh's own transaction. */
  refreshAllFacts(): Promise<{ customersChanged: number; events: number }>;
}
