// Apart from the report's pure face, so importing the figures pulls in no SDK.
export type {
  SesReportSenderOptions,
  SnsReportSenderOptions,
} from './senders.js';
export { SesReportSender, SnsReportSender } from './senders.js';
