import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { normalise } from '../events/index.js';
import { InMemoryHistoryStore } from '../history/index.js';
import type { InputIssue } from '../model/index.js';
import type { IngestSummary } from '../monitor/index.js';
import { runIngest } from '../monitor/index.js';
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

/** Keeps the records of an S3 notification that occurred by `until`. */
const recordsUntil = (raw: unknown, until: Date): unknown => {
  const body = raw as { Records: unknown[] };
  return {
    ...body,
    Records: body.Records.filter(
      (record) => isLater({ Records: [record] }, until) === false
    ),
  };
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
 * Reads a file of raw AWS events (EventBridge envelopes, S3 notification
 * bodies, SNS-wrapped ones; one JSON object a line, any order, duplicates
 * allowed) and ingests it into an in-memory store with the real ingest.
 * A line that is not JSON or not an event is reported on stderr as
 * `FILE:LINE: reason`; the other lines still count.
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
  text.split(/\r?\n/).forEach((content, index) => {
    if (content.trim() === '') return;
    try {
      inputs.push({ line: index + 1, raw: JSON.parse(content) });
    } catch (error) {
      io.stderr(
        `${path}:${index + 1}: not valid JSON: ${(error as Error).message}\n`
      );
    }
  });
  const { kept, later } = upTo(inputs, until);
  const store = new InMemoryHistoryStore();
  const summary = await runIngest(
    { store, runbook },
    kept.map((i) => i.raw),
    now
  );
  for (const rejection of summary.rejections) {
    const line = kept[rejection.index]?.line ?? 0;
    io.stderr(`${path}:${line}: ${describeIssues(rejection.issues)}\n`);
  }
  return { store, summary, later };
};

export { ingestEventsFile };
