import type {
  AlertLogger,
  Channel,
  DeliveryContext,
} from '../../src/alerts/index.js';
import type {
  AlertRecord,
  ChannelName,
  DeliveryAction,
} from '../../src/model/index.js';
import type { MetricsSink } from '../../src/monitor/index.js';

interface Delivery {
  action: DeliveryAction;
  alert: AlertRecord;
  context: DeliveryContext;
}

/**
 * A channel that records what it accepts. While `down`, or for the next
 * `failures` calls, it throws as a real channel does when the receiver
 * refuses; `onDeliver` runs before it answers (to act as a concurrent
 * invocation, or to look at the store mid-delivery).
 */
class RecordingChannel implements Channel {
  readonly name: ChannelName;
  readonly delivered: Delivery[] = [];
  calls = 0;
  down = false;
  failures = 0;
  onDeliver: ((alert: AlertRecord) => Promise<void>) | undefined;

  constructor(name: ChannelName) {
    this.name = name;
  }

  async deliver(
    action: DeliveryAction,
    alert: AlertRecord,
    context: DeliveryContext
  ): Promise<void> {
    this.calls += 1;
    await this.onDeliver?.(alert);
    if (this.down || this.failures > 0) {
      this.failures = Math.max(0, this.failures - 1);
      throw new Error(`${this.name} receiver answered 503`);
    }
    this.delivered.push({ action, alert, context });
  }
}

interface LogEntry {
  level: 'info' | 'warn' | 'error';
  message: string;
  extra: Record<string, unknown> | undefined;
}

/** A logger that keeps every entry. */
class RecordingLogger implements AlertLogger {
  readonly entries: LogEntry[] = [];

  info(message: string, ...extra: Record<string, unknown>[]): void {
    this.entries.push({ level: 'info', message, extra: extra[0] });
  }

  warn(message: string, ...extra: Record<string, unknown>[]): void {
    this.entries.push({ level: 'warn', message, extra: extra[0] });
  }

  error(message: string, ...extra: Record<string, unknown>[]): void {
    this.entries.push({ level: 'error', message, extra: extra[0] });
  }
}

/** Metrics that keep what was added and how often they were flushed. */
class RecordingMetrics implements MetricsSink {
  readonly metrics: { name: string; value: number }[] = [];
  flushes = 0;

  addMetric(name: string, _unit: 'Count', value: number): void {
    this.metrics.push({ name, value });
  }

  publishStoredMetrics(): void {
    this.flushes += 1;
  }
}

export type { Delivery, LogEntry };
export { RecordingChannel, RecordingLogger, RecordingMetrics };
