import type { Diagnostic, Severity } from './types.js';

/**
 * Every lint code and its fixed severity. The codes are stable: the README
 * documents them and tests assert them.
 */
const DIAGNOSTIC_SEVERITY = {
  'binary-file': 'error',
  'body-contradicts-schedule': 'warning',
  'dependency-cycle': 'error',
  'duplicate-id': 'error',
  'empty-file': 'error',
  'id-mismatch': 'error',
  'invalid-duration': 'error',
  'invalid-encoding': 'error',
  'invalid-schedule': 'error',
  'invalid-value': 'error',
  'missing-front-matter': 'error',
  'missing-key': 'error',
  'missing-runbook-yml': 'error',
  'missing-section': 'error',
  'no-services': 'error',
  'phase-before-dependency': 'error',
  'replication-lag-unmeasured': 'warning',
  'restore-test-missing': 'warning',
  'restore-test-unselectable': 'warning',
  'restore-test-unsupported': 'warning',
  'retention-below-rpo': 'warning',
  'rpo-unachievable': 'warning',
  'rto-below-dependencies': 'warning',
  'unknown-alert-route': 'error',
  'unknown-aws-operation': 'warning',
  'unknown-dependency': 'error',
  'unknown-key': 'error',
  'unknown-scenario': 'error',
  'unknown-service': 'error',
  'unterminated-front-matter': 'error',
  'wrong-type': 'error',
  'yaml-syntax': 'error',
  'yaml-warning': 'warning',
} as const satisfies Record<string, Severity>;

/** A lint code, e.g. `unknown-key`. */
type DiagnosticCode = keyof typeof DIAGNOSTIC_SEVERITY;

/** Every lint code, alphabetised. */
const DIAGNOSTIC_CODES = Object.keys(DIAGNOSTIC_SEVERITY) as DiagnosticCode[];

/**
 * Returns a diagnostic whose severity is the one fixed for its code.
 *
 * @param code - the lint code
 * @param file - path relative to the runbook folder
 * @param range - start and end offsets into the whole file
 * @param message - what is wrong, and how to fix it when we can tell
 */
const diagnostic = (
  code: DiagnosticCode,
  file: string,
  range: [number, number],
  message: string
): Diagnostic => ({
  code,
  severity: DIAGNOSTIC_SEVERITY[code],
  file,
  range,
  message,
});

const compareText = (a: string, b: string): number =>
  a < b ? -1 : a > b ? 1 : 0;

/**
 * Returns the diagnostics ordered by file, then position, then code, so the
 * output is the same whatever order the checks ran in.
 *
 * @param diagnostics - diagnostics in any order
 */
const sortDiagnostics = (diagnostics: Diagnostic[]): Diagnostic[] =>
  [...diagnostics].sort(
    (a, b) =>
      compareText(a.file, b.file) ||
      a.range[0] - b.range[0] ||
      a.range[1] - b.range[1] ||
      compareText(a.code, b.code)
  );

const editDistance = (a: string, b: string): number => {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + substitution
      );
    }
    previous = current;
  }
  return previous[b.length]!;
};

/**
 * Returns the candidate closest to a misspelt word, or undefined when none is
 * close enough to be a plausible typo (at most a third of the word differs).
 *
 * @param word - what the user wrote
 * @param candidates - the words that would have been valid
 */
const closestMatch = (
  word: string,
  candidates: readonly string[]
): string | undefined => {
  const limit = Math.max(1, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
};

/** Returns ` — did you mean 'x'?` for a close candidate, else ''. */
const didYouMean = (word: string, candidates: readonly string[]): string => {
  const match = closestMatch(word, candidates);
  return match === undefined ? '' : ` — did you mean '${match}'?`;
};

export type { DiagnosticCode };
export {
  closestMatch,
  DIAGNOSTIC_CODES,
  DIAGNOSTIC_SEVERITY,
  diagnostic,
  didYouMean,
  sortDiagnostics,
};
