import { randomUUID } from 'node:crypto';
import {
  deliveredEvent,
  type ReportKind,
  type SentinelEntry,
  sentinelEntry,
} from '../events/index.js';
import { ARN_ACCOUNT, ARN_REGION, arnField } from '../model/index.js';
import { createReporter } from '../monitor/index.js';
import {
  matchResource,
  type Runbook,
  runbookHome,
  SELF_REPORTED,
  type Service,
} from '../runbook/index.js';
import { UsageError } from './errors.js';
import type { CliIo } from './types.js';

/** Where a report goes: printed as EventBridge delivers it, or sent. */
interface ReportTarget {
  /** Print the delivered event as one JSON line and send nothing. */
  print: boolean;
  bus?: string;
  profile?: string;
  region?: string;
  /** The account `--print` shows; default the resource's, else the runbook's. */
  account?: string;
}

/**
 * Returns the runbook service with this id.
 *
 * @throws {UsageError} when the runbook has none
 */
const serviceNamed = (runbook: Runbook, id: string): Service => {
  const service = runbook.services.find((s) => s.id === id);
  if (service === undefined) {
    throw new UsageError(
      `no service '${id}' in the runbook; services: ${runbook.services.map((s) => s.id).join(', ')}`
    );
  }
  return service;
};

/**
 * Returns the resources a report is about: the one given, which the service
 * must claim (an exact ARN elsewhere wins over a pattern here); else the
 * service's only resource when it names exactly one without a wildcard;
 * else, for a script, Velero or manual job, which backs up the whole
 * service, every resource the runbook lists (a pattern stands for itself).
 *
 * @throws {UsageError} when the service does not claim it, or cannot choose
 */
const resourcesOf = (
  runbook: Runbook,
  service: Service,
  given: string | undefined
): string[] => {
  if (given === undefined) {
    const [only, ...more] = service.resources;
    if (only !== undefined && more.length === 0 && !only.includes('*')) {
      return [only];
    }
    if (SELF_REPORTED.includes(service.backup.automation)) {
      return service.resources;
    }
    throw new UsageError(
      `${service.id} names ${service.resources.length === 1 ? 'a pattern' : 'several resources'}: say which with --resource (${service.resources.join(', ')})`
    );
  }
  const owner = matchResource(runbook, given);
  if (owner?.id !== service.id) {
    throw new UsageError(
      `${service.id} does not claim '${given}'${owner === undefined ? '' : ` (${owner.id} does)`}; its resources: ${service.resources.join(', ')}`
    );
  }
  return [given];
};

/**
 * Returns the PutEvents entry of a report, checked as ingest checks it.
 *
 * @throws {UsageError} naming the field when the report would be rejected
 */
const entryOf = (
  kind: ReportKind,
  detail: Record<string, unknown>,
  at: Date
): SentinelEntry => {
  const result = sentinelEntry(kind, detail, at);
  if (!result.ok) {
    throw new UsageError(
      `the report would be rejected: ${result.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`
    );
  }
  return result.entry;
};

/**
 * Prints reports as EventBridge delivers them (`--print`), or sends them
 * with `PutEvents` and says where they went.
 *
 * @param runbook - for the account and region `--print` shows
 * @param entries - the reports
 * @param target - print or send, and where
 * @param io - the CLI's I/O
 * @throws {ReportNotSentError} when EventBridge refused it or kept failing
 */
const deliver = async (
  runbook: Runbook,
  entries: SentinelEntry[],
  target: ReportTarget,
  io: CliIo
): Promise<void> => {
  const reporter = target.print
    ? undefined
    : createReporter({
        ...(target.bus !== undefined && { bus: target.bus }),
        ...(target.profile !== undefined && { profile: target.profile }),
        ...(target.region !== undefined && { region: target.region }),
      });
  for (const entry of entries) {
    if (reporter === undefined) {
      io.stdout(`${JSON.stringify(delivered(runbook, entry, target))}\n`);
    } else {
      const id = await reporter.send(entry);
      io.stderr(`sent ${entry.DetailType} ${id}\n`);
    }
  }
};

/** The event EventBridge would deliver, in the account and region it would. */
const delivered = (
  runbook: Runbook,
  entry: SentinelEntry,
  target: ReportTarget
) => {
  const resource = entry.Resources[0] ?? '';
  const home = runbookHome(runbook);
  return deliveredEvent(entry, {
    id: randomUUID(),
    account:
      target.account ?? (arnField(resource, ARN_ACCOUNT) || home.account),
    region: target.region ?? (arnField(resource, ARN_REGION) || home.region),
  });
};

export type { ReportTarget };
export { deliver, entryOf, resourcesOf, serviceNamed };
