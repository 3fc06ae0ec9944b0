// The workflow bundle's entry: every workflow the worker registers.
export { journeyWorkflow } from './journey-workflow';
export { factsRefreshWorkflow } from './facts-refresh-workflow';
export { calendarWorkflow } from './calendar-workflow';
export { broadcastWorkflow } from './broadcast-workflow';
export { cohortWorkflow } from './cohort-workflow';
