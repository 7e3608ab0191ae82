import type { CheckId, Finding, ResourceState } from '../model/index.js';
import type {
  DrillScenario,
  ReplicationRule,
  Service,
} from '../runbook/index.js';
import type { Impact } from './severity.js';

/** One CloudWatch datapoint. */
interface MetricPoint {
  at: Date;
  value: number;
}

/**
 * What CloudWatch held for one S3 replication rule of a bucket over the
 * last RPO (at least 15 minutes): its ReplicationLatency (Maximum, seconds)
 * and OperationsPendingReplication (Maximum) per period, oldest first.
 */
interface ReplicationLagReading {
  rule: ReplicationRule;
  /** The period of the points, in milliseconds. */
  periodMs: number;
  latency: MetricPoint[];
  pending: MetricPoint[];
}

/** What a check of a claimed resource receives: its service, its facts and the link template. */
interface CheckInput {
  service: Service;
  state: ResourceState;
  /** runbook.yml `links` template (`{service}`, `{section}`). */
  links: string;
}

/**
 * One resource to check: a claimed one (`service`), a drilled DR scenario's
 * `drill:` resource (`scenario`), or, with neither, one no service claims.
 */
interface CheckTarget {
  service: Service | undefined;
  scenario?: DrillScenario;
  state: ResourceState;
  links: string;
  /**
   * An `s3-replication` bucket's replication metrics, read by this
   * evaluation; undefined = not read (replication-lag then cannot judge).
   */
  replication?: ReplicationLagReading[];
}

/** What a check of a drilled DR scenario receives. */
interface ScenarioInput {
  scenario: DrillScenario;
  state: ResourceState;
  links: string;
}

/** What a check is, apart from what it looks at: its row in the registry. */
interface CheckAbout<K extends CheckId = CheckId> {
  id: K;
  /** What broke, in the words an on-call engineer reads first. */
  title: string;
  /**
   * The runbook section (heading slug) its pages link to: what to do about
   * a broken backup is the manual backup, about a broken restore the
   * recovery, about broken replication the failover. Empty = the page.
   */
  section: string;
  /** What its findings say about the data: with the tier, their severity (severity.ts). */
  impact: Impact;
}

/** A check in the registry: its row, and how it runs on any target. */
interface CheckDefinition<K extends CheckId = CheckId> extends CheckAbout<K> {
  /** Returns the check's open findings for the target; [] = healthy or not applicable. */
  run(target: CheckTarget, now: Date): Finding[];
}

export type {
  CheckAbout,
  CheckDefinition,
  CheckInput,
  CheckTarget,
  MetricPoint,
  ReplicationLagReading,
  ScenarioInput,
};
