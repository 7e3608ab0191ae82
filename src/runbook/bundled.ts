import { SentinelError } from '../model/index.js';
import type { Diagnostic, Runbook } from './types.js';

/**
 * The compiled runbook, replaced at bundle time by esbuild's `define` (see
 * `compileRunbook`): JSON, so its dates are strings. Outside a bundle,
 * whoever runs a handler in-process sets `globalThis.__SENTINEL_RUNBOOK__`.
 */
declare const __SENTINEL_RUNBOOK__: Runbook | undefined;

/** The identifier esbuild's `define` replaces with the compiled runbook. */
const RUNBOOK_DEFINE = '__SENTINEL_RUNBOOK__';

/** Thrown when a runbook with lint errors is compiled, or a bundle has none. */
class RunbookCompileError extends SentinelError {
  readonly diagnostics: Diagnostic[];

  constructor(message: string, diagnostics: Diagnostic[] = []) {
    super(message);
    this.name = 'RunbookCompileError';
    this.diagnostics = diagnostics;
  }
}

/**
 * Returns the runbook compiled into this bundle, its dates revived. Called
 * once per cold start; it imports no parser, so bundles stay small.
 *
 * @throws {RunbookCompileError} when no runbook was compiled in
 */
const loadBundledRunbook = (): Runbook => {
  const compiled =
    typeof __SENTINEL_RUNBOOK__ === 'undefined'
      ? undefined
      : __SENTINEL_RUNBOOK__;
  if (compiled === undefined) {
    throw new RunbookCompileError(
      `no runbook in this bundle: build it with compileRunbook() in esbuild's define, or set globalThis.${RUNBOOK_DEFINE}`
    );
  }
  return {
    ...compiled,
    services: compiled.services.map((service) => ({
      ...service,
      silences: service.silences.map((s) => ({
        ...s,
        until: new Date(s.until),
      })),
    })),
  };
};

export { loadBundledRunbook, RUNBOOK_DEFINE, RunbookCompileError };
