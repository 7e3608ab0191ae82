import type { ChannelName, CheckId } from '../src/model/index.js';
import type { Automation } from '../src/runbook/index.js';

/** Where the demo writes and reads relative paths from; the CLI's I/O satisfies it. */
interface DemoIo {
  /** Writes results; the text carries its own line breaks. */
  stdout(text: string): void;
  /** Writes progress and summaries. */
  stderr(text: string): void;
  /** The folder relative paths are resolved against. */
  cwd: string;
}

/** A resource of the demo fleet: one concrete ARN a runbook service claims. */
interface DemoResource {
  service: string;
  arn: string;
  /** AWS Backup's resource type: `RDS`, `Aurora`, `EBS`, `EC2`, `DynamoDB`, `EFS`, `S3`. */
  resourceType: string;
  automation: Automation;
  /** The usual size of one of its backups. */
  sizeBytes: number;
}

/**
 * How an input reaches the ingest function: `eventbridge` = one envelope per
 * invocation; `sqs` = an SQS batch of S3 notification bodies.
 */
const DELIVERY_KINDS = ['eventbridge', 'sqs'] as const;
type DeliveryKind = (typeof DELIVERY_KINDS)[number];

/** One ingest invocation of the demo, at a simulated instant. */
interface DemoDelivery {
  at: Date;
  kind: DeliveryKind;
  /** The Lambda event exactly as the ingest handler receives it. */
  event: unknown;
}

/** The incidents the demo injects, one of each. */
const INCIDENT_KINDS = [
  'failed-rds-backup',
  'missed-backup-window',
  'replication-failure',
  'slow-restore-test',
  'failed-restore-validation',
  'unmapped-backup',
  'failed-script-backup',
  'missed-velero-backup',
] as const;
type IncidentKind = (typeof INCIDENT_KINDS)[number];

/** One injected incident and the page it should cause. */
interface DemoIncident {
  kind: IncidentKind;
  /** The check that should page. */
  check: CheckId;
  /** The service the page is for (`unmapped` when none claims the resource). */
  service: string;
  resourceArn: string;
  /** When the problem happened (the failure, the missed deadline, ...). */
  at: Date;
  /**
   * When the evidence that ends it arrives: the late or on-demand backup's
   * event, the faster re-test, the end of S3's quiet period. Undefined: it
   * stays open.
   */
  resolvesAt?: Date;
  /** What was injected, for people. */
  description: string;
}

/** What `generateDemo` makes: a fleet, its events, the incidents in them. */
interface DemoScenario {
  start: Date;
  /** Excluded: nothing is delivered at or after it. */
  end: Date;
  resources: DemoResource[];
  /** In delivery order. */
  deliveries: DemoDelivery[];
  incidents: DemoIncident[];
  /** Incidents this runbook has no resource for, with the reason. */
  skipped: { kind: IncidentKind; reason: string }[];
}

/**
 * What a page announced: `updated` is a trigger of an open incident that
 * names a check it did not name before.
 */
const PAGE_ACTIONS = ['opened', 'updated', 're-notified', 'resolved'] as const;
type PageAction = (typeof PAGE_ACTIONS)[number];

/** One notification a receiver accepted, decoded, at simulated time. */
interface DemoPage {
  /** The simulated instant of the evaluation or ingest that sent it. */
  at: Date;
  channel: ChannelName;
  action: PageAction;
  /** The incident's dedup key, the same on every channel. */
  incident: string;
  service: string;
  /** The incident's root cause. */
  check: string;
  /** Every check failing in the incident, root cause first. */
  checks: string[];
  /** The resource; empty for a service's roll-up. */
  resource: string;
  summary: string;
  /** The runbook section the page links to first. */
  runbookUrl: string | undefined;
  /** The request as the receiver decoded it (SNS Publish, PagerDuty event). */
  request: unknown;
}

export type {
  DeliveryKind,
  DemoDelivery,
  DemoIncident,
  DemoIo,
  DemoPage,
  DemoResource,
  DemoScenario,
  IncidentKind,
  PageAction,
};
