import * as z from 'zod/mini';
import type { InputIssue } from '../model/index.js';
import { count, parseWith, quoted, reject } from './parse.js';

/**
 * Velero's Backup phases (velero.io/v1 `BackupPhase`, v1.18) and the state
 * each is reported as. `PartiallyFailed` is a backup with errors: reported
 * as `partial`, which pages like a failure; `Deleting` says nothing about
 * the backup's outcome.
 */
const VELERO_PHASES = new Map<
  string,
  'started' | 'completed' | 'failed' | 'partial' | null
>([
  ['New', 'started'],
  ['Queued', 'started'],
  ['ReadyToStart', 'started'],
  ['InProgress', 'started'],
  ['WaitingForPluginOperations', 'started'],
  ['WaitingForPluginOperationsPartiallyFailed', 'started'],
  ['Finalizing', 'started'],
  ['FinalizingPartiallyFailed', 'started'],
  ['Completed', 'completed'],
  ['PartiallyFailed', 'partial'],
  ['Failed', 'failed'],
  ['FailedValidation', 'failed'],
  ['Deleting', null],
]);

// Velero writes RFC 3339 UTC times with whole seconds (`2025-06-01T02:07:41Z`).
const time = z.iso.datetime({ message: 'expected an RFC 3339 time' });
// Counts are `omitempty`: a count of zero is absent from the object.
const tally = z.optional(count('a count, 0 or more', { digits: false }));

const backupSchema = z.object({
  apiVersion: z.literal('velero.io/v1', {
    message: "expected apiVersion 'velero.io/v1'",
  }),
  kind: z.literal('Backup', { message: "expected kind 'Backup'" }),
  metadata: z.object({
    name: z.string().check(z.minLength(1)),
    creationTimestamp: z.optional(time),
    labels: z.optional(z.record(z.string(), z.string())),
  }),
  status: z.optional(
    z.object({
      phase: z.optional(z.string()),
      startTimestamp: z.optional(time),
      completionTimestamp: z.optional(time),
      progress: z.optional(
        z.object({ totalItems: tally, itemsBackedUp: tally })
      ),
      errors: tally,
      warnings: tally,
      failureReason: z.optional(z.string()),
      validationErrors: z.optional(z.nullable(z.array(z.string()))),
      backupItemOperationsFailed: tally,
      hookStatus: z.optional(z.object({ hooksFailed: tally })),
    })
  ),
});

type VeleroBackup = z.output<typeof backupSchema>;

/** What a Velero Backup says, in a backup report's terms. */
interface VeleroReport {
  state: 'started' | 'completed' | 'failed' | 'partial';
  /** The Backup's name: the report's job id. */
  jobId: string;
  startedAt?: string;
  completedAt?: string;
  /** Phase, items, errors and warnings, and why it failed. */
  message: string;
}

const plural = (n: number, noun: string): string =>
  `${n} ${noun}${n === 1 ? '' : 's'}`;

const describe = (backup: VeleroBackup, phase: string): string => {
  const status = backup.status ?? {};
  const parts = [`Velero backup ${backup.metadata.name}: ${phase}`];
  const { itemsBackedUp, totalItems } = status.progress ?? {};
  if (totalItems !== undefined) {
    parts.push(`${itemsBackedUp ?? 0}/${totalItems} items`);
  }
  parts.push(plural(status.errors ?? 0, 'error'));
  parts.push(plural(status.warnings ?? 0, 'warning'));
  if ((status.backupItemOperationsFailed ?? 0) > 0) {
    parts.push(
      plural(status.backupItemOperationsFailed ?? 0, 'failed plugin operation')
    );
  }
  if ((status.hookStatus?.hooksFailed ?? 0) > 0) {
    parts.push(plural(status.hookStatus?.hooksFailed ?? 0, 'failed hook'));
  }
  const why = [status.failureReason, ...(status.validationErrors ?? [])].filter(
    (text) => text !== undefined && text !== ''
  );
  return `${parts.join(', ')}${why.length > 0 ? `: ${why.join('; ')}` : ''}`;
};

/**
 * Returns an item's creation time as text, '' when it has none: the list is
 * unchecked JSON, and any item may be null or malformed until parsed.
 */
const createdAt = (item: unknown): string => {
  const metadata = (item as { metadata?: unknown } | null)?.metadata;
  const at = (metadata as { creationTimestamp?: unknown } | null)
    ?.creationTimestamp;
  return typeof at === 'string' ? at : '';
};

/** The newest Backup of a list (`kubectl get backups -o json`), by creation. */
const newest = (items: unknown[]): unknown =>
  items.reduce<unknown>(
    (best, item) =>
      best === undefined || createdAt(item) > createdAt(best) ? item : best,
    undefined
  );

/**
 * Reads a Velero Backup as `kubectl get backup NAME -n velero -o json`
 * prints it (or, from `kubectl get backups -o json`, the newest of a
 * list), and returns what to report: its real phase as a state, its name as
 * the job id, its times, and its items, errors and warnings, since
 * `velero backup create --wait` exits 0 even for `Failed`.
 *
 * @param raw - the parsed JSON
 * @returns the report, or why the object cannot be read as a Backup
 */
const readVeleroBackup = (
  raw: unknown
): { ok: true; report: VeleroReport } | { ok: false; issues: InputIssue[] } => {
  const list = raw as { kind?: unknown; items?: unknown };
  const one =
    list?.kind === 'List' || list?.kind === 'BackupList'
      ? Array.isArray(list.items) && list.items.length > 0
        ? newest(list.items)
        : undefined
      : raw;
  if (one === undefined) return reject('items', 'the list holds no Backup');
  const parsed = parseWith(backupSchema, one, '');
  if (!parsed.ok) return parsed;
  const backup = parsed.data;
  const phase = backup.status?.phase ?? 'New';
  if (!VELERO_PHASES.has(phase)) {
    return reject('status.phase', `unknown Velero phase ${quoted(phase)}`);
  }
  const state = VELERO_PHASES.get(phase) ?? null;
  if (state === null) {
    return reject(
      'status.phase',
      `backup ${backup.metadata.name} is being deleted: its outcome is gone`
    );
  }
  const status = backup.status ?? {};
  return {
    ok: true,
    report: {
      state,
      jobId: backup.metadata.name,
      ...(status.startTimestamp !== undefined && {
        startedAt: status.startTimestamp,
      }),
      ...(state !== 'started' &&
        status.completionTimestamp !== undefined && {
          completedAt: status.completionTimestamp,
        }),
      message: describe(backup, phase),
    },
  };
};

export type { VeleroReport };
export { readVeleroBackup, VELERO_PHASES };
