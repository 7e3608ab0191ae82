import type { CheckId, Finding } from '../checks/types.js';
import type { AlertRoute, Service } from '../runbook/types.js';

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
  lastError?: string;
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

/** What a channel needs to know besides the alert itself. */
interface DeliveryContext {
  service: Service;
  route: AlertRoute;
  /** Link to the service's runbook page (the finding's runbookUrl is the section). */
  serviceUrl: string;
  /** Set when this delivery stands in for another channel that keeps failing. */
  note?: string;
}

/**
 * A way to reach people (SNS, PagerDuty). `deliver` resolves once the
 * receiver accepted the message and throws ChannelDeliveryError otherwise, so
 * the delivery stays owed.
 */
interface Channel {
  readonly name: ChannelName;
  deliver(
    action: DeliveryAction,
    alert: AlertRecord,
    context: DeliveryContext
  ): Promise<void>;
}

export type {
  AlertKey,
  AlertRecord,
  AlertStatus,
  Channel,
  ChannelName,
  DeliveryAction,
  DeliveryContext,
  OwedDelivery,
  Transition,
};
export { ALERT_STATUSES, CHANNELS, DELIVERY_ACTIONS };
