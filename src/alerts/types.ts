import type {
  AlertRecord,
  ChannelName,
  DeliveryAction,
  Finding,
  HistoryStore,
  ResourceState,
  Transition,
} from '../model/index.js';
import type { AlertRoute, Runbook, Service } from '../runbook/index.js';
import type { ChangeNotice } from './channels/index.js';
import type { Evaluated } from './incidents.js';

/** What the lifecycle needs to know about one alert's service and route. */
interface AlertPolicy {
  /** Consecutive failing evaluations before the alert opens (at least 1). */
  failureThreshold: number;
  /** Re-notify an open alert this long after the last notification. */
  renotifyMs: number;
  /** A runbook silence is in force: record, owe nothing. */
  silenced: boolean;
  /** The channels of the service's alert route. */
  channels: ChannelName[];
}

/**
 * The outcome of planning one alert. `record` is what to save, or undefined
 * when nothing worth a write changed.
 */
interface AlertPlan {
  record: AlertRecord | undefined;
  transitions: Transition[];
}

/** What a channel needs to know besides the incident itself. */
interface DeliveryContext {
  /** Undefined for `unmapped-resource`: no service claims the resource. */
  service: Service | undefined;
  route: AlertRoute;
  /** Link to the service's runbook page (the finding's runbookUrl is the section). */
  serviceUrl: string;
  /**
   * The states of the incident's resources this evaluation read (none for
   * a delivery retried later): the facts its page gives.
   */
  states: ResourceState[];
  /** Set when this delivery stands in for another channel that keeps failing. */
  note?: string;
  /** See AlertDeps.deadline. */
  deadline?: Date;
}

/**
 * The logging the alert code needs; Powertools' `Logger` satisfies it, and
 * tests pass a recording one.
 */
interface AlertLogger {
  info(message: string, ...extra: Record<string, unknown>[]): void;
  warn(message: string, ...extra: Record<string, unknown>[]): void;
  error(message: string, ...extra: Record<string, unknown>[]): void;
}

/** What `deliverAlert` needs: the store, the channels, a logger. */
interface DeliverDeps {
  store: HistoryStore;
  channels: Channel[];
  logger: AlertLogger;
}

/** What one delivery pass did to one alert. */
interface DeliveryOutcome {
  /** False when another invocation saved the alert first: nothing was sent. */
  saved: boolean;
  delivered: number;
  failed: number;
  /** The alert as last saved (undefined when not saved). */
  record: AlertRecord | undefined;
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
  /**
   * Puts something that changed on the service's timeline without paging
   * (PagerDuty's Change Events); channels without a timeline lack it.
   */
  announce?(
    notice: ChangeNotice,
    route: AlertRoute,
    deadline?: Date
  ): Promise<void>;
}

/** One evaluation's outcome, as `settleAlerts` takes it. */
interface Evaluation {
  /** The open findings of the evaluated resources. */
  findings: Finding[];
  /** The resources the findings are complete for; 'all' for a full evaluation. */
  resources: Evaluated;
  /** The evaluated resources' states, by ARN. */
  states: ReadonlyMap<string, ResourceState>;
}

/** What {@link settleAlerts} works with. */
interface AlertDeps {
  store: HistoryStore;
  runbook: Runbook;
  channels: Channel[];
  logger?: AlertLogger;
  /**
   * Which channels a route pages; default `channelsForRoute`: `pagerduty`
   * when the route names an SSM parameter, `sns` when its `sns` flag is set.
   * Not called for services that name no route: they page nobody.
   */
  routeChannels?: (route: AlertRoute | undefined) => ChannelName[];
  /**
   * When the invocation must be done delivering: a channel starts no
   * attempt it cannot finish by then, and the delivery stays owed for the
   * next evaluation instead of the function timing out mid-write.
   */
  deadline?: Date;
}

/** What one pass over alerts did. */
interface AlertSummary {
  /** Open findings, silenced ones included. */
  findings: number;
  /** Alerts that opened (or re-opened). */
  opened: number;
  resolved: number;
  /** Deliveries the channels accepted (triggers, re-notifications, resolutions). */
  notified: number;
  /** Delivery attempts that failed and stay owed. */
  failedDeliveries: number;
  /** Alerts skipped because another invocation saved them first. */
  conflicts: number;
  /** Alerts not processed because the store failed (logged; the run then throws). */
  errors: number;
}

export type {
  AlertDeps,
  AlertLogger,
  AlertPlan,
  AlertPolicy,
  AlertSummary,
  Channel,
  DeliverDeps,
  DeliveryContext,
  DeliveryOutcome,
  Evaluation,
};
