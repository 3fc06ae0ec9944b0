// The bench's workflow bundle: every product workflow, plus the bare baseline, so both run in the
// same worker the product builds (startHuitou), bundled once with the product's bundler options.
export * from '../../workflows/index';
export { bareWorkflow } from './bare-workflow';
