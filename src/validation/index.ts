export { judgeRestore } from './judge.js';
export type { Observed, ValidationOutcome } from './types.js';
