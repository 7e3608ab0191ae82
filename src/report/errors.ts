import { SentinelError } from '../model/index.js';

/** Thrown when a report sender (SNS, SES) did not accept the report. */
class ReportDeliveryError extends SentinelError {
  /** The sender that failed (`sns`, `ses`), or every one that did. */
  readonly senders: string[];

  constructor(senders: string[], message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ReportDeliveryError';
    this.senders = senders;
  }
}

export { ReportDeliveryError };
