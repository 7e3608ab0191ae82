import type { Agent } from 'node:https';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { SignatureV4Init } from '@smithy/signature-v4';
import type { Severity } from '../../model/index.js';
import type { AlertRoute } from '../../runbook/index.js';

/** What `SnsChannel` publishes with. */
interface SnsChannelOptions {
  client: SNSClient;
  topicArn: string;
}

/** The SNS message of one delivery (what `Publish` receives). */
interface SnsMessage {
  /** ASCII, one line, under 100 characters: what SNS accepts. */
  subject: string;
  body: string;
  /** String message attributes subscribers filter on. */
  attributes: Record<'action' | 'check' | 'service' | 'severity', string>;
}

/** Backoff of PagerDuty retries within one delivery. */
interface PagerDutyRetry {
  /** Retries after the first attempt. */
  retries: number;
  minTimeoutMs: number;
  maxTimeoutMs: number;
  /** What pdjs waits before repeating a request that got 429 (its default, 20 s, outlasts a Lambda). */
  rateLimitWaitMs: number;
}

/** What `PagerDutyChannel` sends with. */
interface PagerDutyChannelOptions {
  /** Returns the Events API v2 routing key of a route (read from SSM in production). */
  routingKey: (route: AlertRoute) => Promise<string>;
  /** Events API host (and port), e.g. `events.eu.pagerduty.com`; default pdjs's. */
  server?: string;
  /** HTTPS agent for the requests: tests and the demo pass one trusting their loopback CA. */
  agent?: Agent;
  /** Per request; pdjs's own timeout never aborts. Default 10 s. */
  timeoutMs?: number;
  retry?: Partial<PagerDutyRetry>;
}

/** A value of a page's details: JSON, with times as ISO text. */
type DetailValue =
  | string
  | number
  | boolean
  | null
  | DetailValue[]
  | { [name: string]: DetailValue };

/** A link PagerDuty shows on the incident. */
interface PagerDutyLink {
  href: string;
  text: string;
}

/** An Events API v2 `trigger` (PagerDuty's field names). */
interface PagerDutyTrigger {
  routing_key: string;
  event_action: 'trigger';
  dedup_key: string;
  payload: {
    summary: string;
    source: string;
    severity: Severity;
    timestamp: string;
    component?: string;
    group: string;
    class: string;
    custom_details: Record<string, DetailValue>;
  };
  links: PagerDutyLink[];
  client: string;
  client_url: string;
}

/** An Events API v2 `resolve`: the dedup key is all PagerDuty needs. */
interface PagerDutyResolve {
  routing_key: string;
  event_action: 'resolve';
  dedup_key: string;
}

type PagerDutyEvent = PagerDutyResolve | PagerDutyTrigger;

/** A Change Events API event (`/v2/change/enqueue`): on the timeline, paging nobody. */
interface PagerDutyChange {
  routing_key: string;
  payload: {
    summary: string;
    source: string;
    timestamp: string;
    custom_details: Record<string, DetailValue>;
  };
  links: PagerDutyLink[];
}

/** What `SsmRoutingKeys` reads with. */
interface SsmRoutingKeysOptions {
  region: string;
  /** Where GetParameter goes; default SSM's regional endpoint (the demo's loopback receiver). */
  endpoint?: string;
  /** The identity that signs, or a provider of it (Lambda's role from the environment). */
  credentials: SignatureV4Init['credentials'];
  /**
   * How long a key read from SSM is reused. The default (60 s) outlasts one
   * evaluation and is far shorter than the 15 minutes between two, so each
   * invocation reads each parameter once and a rotated key is picked up at
   * the next one.
   */
  ttlMs?: number;
  /** Milliseconds since the epoch; tests pass their own. */
  clock?: () => number;
}

/** What `createChannels` may take instead of building its own clients. */
interface ChannelOverrides {
  pagerDutyAgent?: Agent;
  /** Faster PagerDuty retries (tests and the demo wait milliseconds, not seconds). */
  pagerDutyRetry?: Partial<PagerDutyRetry>;
  snsClient?: SNSClient;
  /** Who signs the SSM reads; default the SDK's provider chain. */
  ssmCredentials?: SsmRoutingKeysOptions['credentials'];
}

export type {
  ChannelOverrides,
  DetailValue,
  PagerDutyChange,
  PagerDutyChannelOptions,
  PagerDutyEvent,
  PagerDutyLink,
  PagerDutyResolve,
  PagerDutyRetry,
  PagerDutyTrigger,
  SnsChannelOptions,
  SnsMessage,
  SsmRoutingKeysOptions,
};
