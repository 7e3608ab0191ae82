import { randomUUID } from 'node:crypto';
import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { close, listen, readBody } from './loopback.js';

/** One message attribute as SNS received it. */
interface SnsAttribute {
  dataType: string;
  value: string;
}

/** One `Publish` the receiver accepted, decoded from the Query protocol. */
interface SnsPublish {
  topicArn: string;
  subject: string | undefined;
  message: string;
  attributes: Record<string, SnsAttribute>;
  messageId: string;
}

/** A loopback stand-in for the SNS API's `Publish`. */
interface SnsReceiver {
  /** `http://127.0.0.1:<port>`: the SNSClient's `endpoint`. */
  endpoint: string;
  /** What was accepted, in order. */
  published: SnsPublish[];
  /** How many requests arrived (accepted or not). */
  requests: number;
  /** Answers the next requests with these HTTP statuses (SNS's XML error), then accepts again. */
  failNext(...statuses: number[]): void;
  stop(): Promise<void>;
}

const XMLNS = 'http://sns.amazonaws.com/doc/2010-03-31/';

const escapeXml = (text: string): string =>
  text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');

const ERROR_CODES: Record<number, string> = {
  400: 'InvalidParameter',
  403: 'AuthorizationError',
  404: 'NotFound',
  429: 'Throttling',
  500: 'InternalError',
  503: 'ServiceUnavailable',
};

const answer = (
  response: ServerResponse,
  status: number,
  xml: string,
  requestId: string
): void => {
  response.writeHead(status, {
    'content-type': 'text/xml',
    'x-amzn-requestid': requestId,
  });
  response.end(xml);
};

const answerError = (
  response: ServerResponse,
  status: number,
  message: string,
  requestId: string
): void => {
  const code = ERROR_CODES[status] ?? 'InternalError';
  const type = status < 500 ? 'Sender' : 'Receiver';
  answer(
    response,
    status,
    `<ErrorResponse xmlns="${XMLNS}"><Error><Type>${type}</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
    requestId
  );
};

/** `MessageAttributes.entry.N.Name` / `.Value.DataType` / `.Value.StringValue`. */
const decodeAttributes = (
  form: URLSearchParams
): Record<string, SnsAttribute> => {
  const attributes: Record<string, SnsAttribute> = {};
  for (let n = 1; form.has(`MessageAttributes.entry.${n}.Name`); n++) {
    const prefix = `MessageAttributes.entry.${n}`;
    const name = form.get(`${prefix}.Name`) ?? '';
    attributes[name] = {
      dataType: form.get(`${prefix}.Value.DataType`) ?? '',
      value:
        form.get(`${prefix}.Value.StringValue`) ??
        form.get(`${prefix}.Value.BinaryValue`) ??
        '',
    };
  }
  return attributes;
};

/** What SNS rejects in a Publish, or undefined when it would accept it. */
const problemWith = (
  topicArn: string | null,
  subject: string | null,
  message: string | null
): string | undefined => {
  if (topicArn === null || topicArn === '') {
    return 'Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter';
  }
  if (message === null || message === '') {
    return 'Invalid parameter: Empty message';
  }
  // "ASCII text ... must not include line breaks or control characters; and
  // must be less than 100 characters long" (SNS Publish API reference).
  if (
    subject !== null &&
    (subject.length >= 100 || !/^[\x20-\x7e]+$/.test(subject))
  ) {
    return 'Invalid parameter: Subject';
  }
  return undefined;
};

/**
 * Starts a loopback HTTP server that answers SNS `Publish` as SNS does. The
 * real SNSClient, pointed at `endpoint` with dummy credentials, sends the
 * Query protocol (form-encoded `Action=Publish&TopicArn=…&Message=…`,
 * attributes as `MessageAttributes.entry.N.*`) and reads back the XML
 * `PublishResponse`. Like SNS it refuses a subject of 100 characters or
 * more, or one with non-ASCII or control characters.
 */
const startSnsReceiver = async (): Promise<SnsReceiver> => {
  const faults: number[] = [];
  const receiver = {
    endpoint: '',
    published: [] as SnsPublish[],
    requests: 0,
    failNext(...statuses: number[]) {
      faults.push(...statuses);
    },
    stop: async () => close(server),
  };
  const handle = async (
    request: IncomingMessage,
    response: ServerResponse
  ): Promise<void> => {
    const form = new URLSearchParams(await readBody(request));
    const requestId = randomUUID();
    receiver.requests += 1;
    const fault = faults.shift();
    if (fault !== undefined) {
      answerError(response, fault, `injected fault ${fault}`, requestId);
      return;
    }
    if (form.get('Action') !== 'Publish') {
      answerError(
        response,
        400,
        `unsupported action ${form.get('Action')}`,
        requestId
      );
      return;
    }
    const topicArn = form.get('TopicArn');
    const subject = form.get('Subject');
    const message = form.get('Message');
    const problem = problemWith(topicArn, subject, message);
    if (problem !== undefined) {
      answerError(response, 400, problem, requestId);
      return;
    }
    const messageId = randomUUID();
    receiver.published.push({
      topicArn: topicArn ?? '',
      subject: subject ?? undefined,
      message: message ?? '',
      attributes: decodeAttributes(form),
      messageId,
    });
    answer(
      response,
      200,
      `<PublishResponse xmlns="${XMLNS}"><PublishResult><MessageId>${messageId}</MessageId></PublishResult><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></PublishResponse>`,
      requestId
    );
  };
  const server = createServer((request, response) => {
    handle(request, response).catch(() => response.destroy());
  });
  receiver.endpoint = `http://127.0.0.1:${await listen(server)}`;
  return receiver;
};

export type { SnsAttribute, SnsPublish, SnsReceiver };
export { startSnsReceiver };
