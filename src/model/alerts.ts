import type { Finding } from './findings.js';

/**
 * Identifies one incident: what is paged, with PagerDuty dedup key
 * `backup-sentinel/<service>/<resource>`. While anything fails for a
 * resource, its failing checks make one incident; when several resources of
 * a service fail at once they are rolled up into one incident for the
 * service, whose key has no resource (`backup-sentinel/<service>`).
 */
interface AlertKey {
  service: string;
  /** Undefined: the service's roll-up of several failing resources. */
  resource?: string;
}

/**
 * `pending`: failing, but fewer consecutive evaluations than the service's
 * failureThreshold. `open`: paged. `resolved`: the check passes again.
 */
const ALERT_STATUSES = ['pending', 'open', 'resolved'] as const;
type AlertStatus = (typeof ALERT_STATUSES)[number];

const CHANNELS = ['sns', 'pagerduty'] as const;
type ChannelName = (typeof CHANNELS)[number];

const DELIVERY_ACTIONS = ['trigger', 'resolve'] as const;
type DeliveryAction = (typeof DELIVERY_ACTIONS)[number];

/** A notification still owed: recorded before sending, removed once delivered. */
interface OwedDelivery {
  channel: ChannelName;
  action: DeliveryAction;
  attempts: number;
  firstOwedAt: Date;
  /**
   * When the latest attempt started. It is saved before sending, so another
   * invocation that reads the record meanwhile leaves the delivery alone
   * until the attempt is old enough to count as abandoned.
   */
  attemptedAt?: Date;
  lastError?: string;
  /**
   * PagerDuty only: when this delivery, after failing
   * MAX_PAGERDUTY_ATTEMPTS times, was also handed to SNS (once).
   */
  fellBackAt?: Date;
}

/** The stored state of one incident (an alert, as the channels see it). */
interface AlertRecord {
  key: AlertKey;
  status: AlertStatus;
  /** Consecutive failing evaluations. */
  failures: number;
  openedAt?: Date;
  resolvedAt?: Date;
  lastNotifiedAt?: Date;
  /** Findings under a runbook silence are recorded, not paged. */
  silenced: boolean;
  /**
   * Every failing check of the incident, each with its own `since`, root
   * cause first (`orderFindings`). A resolution keeps what had broken, each
   * finding `resolved`.
   */
  findings: Finding[];
  /**
   * Set when the incident resolved because its service's roll-up took its
   * resource over: the resource is still failing, under that key.
   */
  mergedInto?: AlertKey;
  owed: OwedDelivery[];
  /** Compare-and-set version, incremented on every save. */
  version: number;
}

/** One change of an incident's status: the audit trail the weekly report reads. */
interface Transition {
  alertKey: AlertKey;
  from: AlertStatus | 'new';
  to: AlertStatus;
  reason: string;
  at: Date;
  /** The incident's findings, root cause first (never empty). */
  findings: Finding[];
}

export type {
  AlertKey,
  AlertRecord,
  AlertStatus,
  ChannelName,
  DeliveryAction,
  OwedDelivery,
  Transition,
};
export { ALERT_STATUSES, CHANNELS, DELIVERY_ACTIONS };
