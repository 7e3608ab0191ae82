import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { normalise } from '../events/index.js';
import { InMemoryHistoryStore } from '../history/index.js';
import type { InputIssue } from '../model/index.js';
import type { IngestSummary } from '../monitor/index.js';
import { addSummary, emptySummary, runIngest } from '../monitor/index.js';
import type { Runbook } from '../runbook/index.js';
import { UsageError } from './errors.js';
import type { CliIo } from './types.js';

/** What `ingestEventsFile` needs. */
interface IngestEventsFileOptions {
  /** The JSONL file as the user gave it; relative to `io.cwd`. */
  path: string;
  runbook: Runbook;
  io: CliIo;
  /** The ingest's clock reading. */
  now: Date;
  /** Events that occurred after this instant are left out. */
  until?: Date;
  /**
   * Ingest each line in its own invocation, in file order, as the deployed
   * monitor receives events; otherwise the whole file is one batch.
   */
  oneByOne?: boolean;
}

/** An ingested events file. */
interface IngestedEventsFile {
  store: InMemoryHistoryStore;
  summary: IngestSummary;
  /** Inputs left out because they occurred after `until`. */
  later: number;
}

/** One line of the file that parsed as JSON. */
interface Input {
  line: number;
  raw: unknown;
}

const isLater = (raw: unknown, until: Date): boolean | 'mixed' => {
  const result = normalise(raw);
  // runIngest reports what does not normalise, with its line.
  if (!result.ok || result.value.length === 0) return false;
  const later = result.value.filter(
    (e) => e.occurredAt.getTime() > until.getTime()
  ).length;
  if (later === 0) return false;
  return later === result.value.length ? true : 'mixed';
};

/**
 * Keeps the records of an S3 notification that occurred by `until`, inside
 * an SNS notification's `Message` too.
 */
const recordsUntil = (raw: unknown, until: Date): unknown => {
  const body = raw as { Records?: unknown; Message?: unknown };
  if (Array.isArray(body.Records)) {
    return {
      ...body,
      Records: body.Records.filter(
        (record) => isLater({ Records: [record] }, until) === false
      ),
    };
  }
  if (typeof body.Message !== 'string') return raw;
  try {
    const message = recordsUntil(JSON.parse(body.Message), until);
    return { ...body, Message: JSON.stringify(message) };
  } catch {
    // Not JSON: ingest reports it with its line.
    return raw;
  }
};

const upTo = (inputs: Input[], until: Date | undefined) => {
  if (until === undefined) return { kept: inputs, later: 0 };
  const kept: Input[] = [];
  let later = 0;
  for (const input of inputs) {
    const verdict = isLater(input.raw, until);
    if (verdict === true) later += 1;
    else if (verdict === false) kept.push(input);
    else kept.push({ ...input, raw: recordsUntil(input.raw, until) });
  }
  return { kept, later };
};

const describeIssues = (issues: InputIssue[]): string =>
  issues
    .map((i) => (i.path === '' ? i.message : `${i.path}: ${i.message}`))
    .join('; ');

/**
 * Ingests the inputs as one batch, or one invocation each in order. Both
 * must give the same findings: the property tests hold them to it.
 */
const ingestInputs = async (
  deps: { store: InMemoryHistoryStore; runbook: Runbook },
  inputs: unknown[],
  now: Date,
  oneByOne: boolean
): Promise<IngestSummary> => {
  if (!oneByOne) return runIngest(deps, inputs, now);
  const total = emptySummary();
  for (const [index, input] of inputs.entries()) {
    addSummary(total, await runIngest(deps, [input], now), index);
  }
  return total;
};

/**
 * Reads a file of raw AWS events (EventBridge envelopes, S3 notification
 * bodies, SNS-wrapped ones; one JSON object a line, any order, duplicates
 * allowed) and ingests it into an in-memory store with the real ingest.
 * Every line that is not JSON or not an event is reported on stderr as
 * `FILE:LINE: reason`, in line order, and counted as rejected; the other
 * lines still count.
 *
 * @throws {UsageError} when the file cannot be read
 */
const ingestEventsFile = async (
  options: IngestEventsFileOptions
): Promise<IngestedEventsFile> => {
  const { io, path, runbook, now, until } = options;
  let text: string;
  try {
    text = await readFile(resolve(io.cwd, path), 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read events file ${path}: ${(error as Error).message}`,
      { cause: error }
    );
  }
  const inputs: Input[] = [];
  const badLines: { line: number; reason: string }[] = [];
  text.split(/\r?\n/).forEach((content, index) => {
    if (content.trim() === '') return;
    try {
      inputs.push({ line: index + 1, raw: JSON.parse(content) });
    } catch (error) {
      badLines.push({
        line: index + 1,
        reason: `not valid JSON: ${(error as Error).message}`,
      });
    }
  });
  const { kept, later } = upTo(inputs, until);
  const store = new InMemoryHistoryStore();
  const summary = await ingestInputs(
    { store, runbook },
    kept.map((i) => i.raw),
    now,
    options.oneByOne ?? false
  );
  for (const rejection of summary.rejections) {
    badLines.push({
      line: kept[rejection.index]?.line ?? 0,
      reason: describeIssues(rejection.issues),
    });
  }
  badLines.sort((a, b) => a.line - b.line);
  for (const { line, reason } of badLines) {
    io.stderr(`${path}:${line}: ${reason}\n`);
  }
  return {
    store,
    summary: { ...summary, rejected: badLines.length },
    later,
  };
};

export { ingestEventsFile };
