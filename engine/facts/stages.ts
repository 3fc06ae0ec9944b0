/** Lifecycle stages by days since the last purchase; `none` for customers who never bought. */
export const lifecycleStages = ['active', 'silent', 'sleeping', 'lost', 'none'] as const;
export type LifecycleStage = (typeof lifecycleStages)[number];
