import type { CheckId, Finding } from './findings.js';

/** Identifies one alert: PagerDuty dedup key `backup-sentinel/<service>/<check>/<resource>`. */
interface AlertKey {
  service: string;
  check: CheckId;
  resource: string;
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

/** The stored state of one alert. */
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
  /** The latest finding (a resolution repeats what had broken). */
  finding: Finding;
  owed: OwedDelivery[];
  /** Compare-and-set version, incremented on every save. */
  version: number;
}

/** One change of an alert's status: what reaches channels and the audit trail. */
interface Transition {
  alertKey: AlertKey;
  from: AlertStatus | 'new';
  to: AlertStatus;
  reason: string;
  at: Date;
  finding: Finding;
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
