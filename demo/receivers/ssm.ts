import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { answerJson, close, listen, readBody, targets } from './loopback.js';

/** One `GetParameter` the receiver got, and who signed it for where. */
interface SsmRequest {
  name: string;
  withDecryption: boolean;
  /** The access key of the SigV4 signature's scope. */
  accessKeyId: string;
  /** The region of the signature's scope. */
  region: string;
  /** `X-Amz-Security-Token`, signed along: temporary credentials carry one. */
  sessionToken?: string;
}

/** The identity the receiver checks signatures against. */
interface SsmCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** A loopback stand-in for SSM Parameter Store's `GetParameter`. */
interface SsmReceiver {
  /** `http://127.0.0.1:<port>`: where the routing-key reads go (`AWS_ENDPOINT_URL_SSM`). */
  endpoint: string;
  /** Parameter values by name; change them to rotate a key. */
  parameters: Map<string, string>;
  requests: SsmRequest[];
  /** Answers the next requests with these HTTP statuses, then serves again. */
  failNext(...statuses: number[]): void;
  stop(): Promise<void>;
}

const TARGET = 'AmazonSSM.GetParameter';

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/;

const sha256Hex = (text: string): string =>
  createHash('sha256').update(text, 'utf8').digest('hex');

const hmac = (key: string | Buffer, text: string): Buffer =>
  createHmac('sha256', key).update(text, 'utf8').digest();

/** What a request's SigV4 `Authorization` header says, once checked. */
type Signed =
  | { ok: true; accessKeyId: string; region: string; sessionToken?: string }
  | { ok: false; type: string; message: string };

const refused = (type: string, message: string): Signed => ({
  ok: false,
  type,
  message,
});

/** Returns the signature AWS computes for a request, from the bytes received. */
const expectedSignature = (
  request: IncomingMessage,
  body: string,
  signedHeaders: string,
  scope: string[],
  secretAccessKey: string
): Buffer => {
  const canonicalHeaders = signedHeaders
    .split(';')
    .map((name) => {
      const value = String(request.headers[name] ?? '');
      return `${name}:${value.trim().replace(/\s+/g, ' ')}\n`;
    })
    .join('');
  const canonicalRequest = [
    request.method,
    new URL(request.url ?? '/', 'http://loopback').pathname,
    '',
    canonicalHeaders,
    signedHeaders,
    sha256Hex(body),
  ].join('\n');
  const toSign = [
    'AWS4-HMAC-SHA256',
    String(request.headers['x-amz-date']),
    scope.join('/'),
    sha256Hex(canonicalRequest),
  ].join('\n');
  const key = scope.reduce<Buffer | string>(
    (k, part) => hmac(k, part),
    `AWS4${secretAccessKey}`
  );
  return hmac(key, toSign);
};

/**
 * Checks a request's Signature Version 4 as AWS does, computed here from
 * the bytes received (not with the SDK's signer), so a test proves what
 * went over the wire: the signed headers, the body, the scope. Without
 * credentials to check against it only reads the scope.
 */
const checkSignature = (
  request: IncomingMessage,
  body: string,
  credentials: SsmCredentials | undefined
): Signed => {
  const match = AUTHORIZATION.exec(request.headers.authorization ?? '');
  if (match === null) {
    return refused(
      'MissingAuthenticationTokenException',
      'Missing or malformed Authorization header'
    );
  }
  const [, accessKeyId = '', day = '', region = '', service = ''] = match;
  const [signedHeaders = '', signature = ''] = match.slice(5);
  const names = signedHeaders.split(';');
  const token = request.headers['x-amz-security-token'];
  const covered = ['host', 'x-amz-date', 'x-amz-target'];
  if (typeof token === 'string') covered.push('x-amz-security-token');
  if (
    service !== 'ssm' ||
    !covered.every((name) => names.includes(name)) ||
    !String(request.headers['x-amz-date']).startsWith(day)
  ) {
    return refused(
      'InvalidSignatureException',
      `the signature must be for ssm on the day of x-amz-date and cover ${covered.join(', ')}`
    );
  }
  if (credentials !== undefined) {
    if (accessKeyId !== credentials.accessKeyId) {
      return refused(
        'UnrecognizedClientException',
        'The security token included in the request is invalid.'
      );
    }
    const expected = expectedSignature(
      request,
      body,
      signedHeaders,
      [day, region, service, 'aws4_request'],
      credentials.secretAccessKey
    );
    if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) {
      return refused(
        'InvalidSignatureException',
        'The request signature we calculated does not match the signature you provided.'
      );
    }
  }
  return {
    ok: true,
    accessKeyId,
    region,
    ...(typeof token === 'string' && { sessionToken: token }),
  };
};

/**
 * Starts a loopback HTTP server that answers `GetParameter` as SSM does
 * (the awsJson1.1 protocol: `X-Amz-Target: AmazonSSM.GetParameter`, a JSON
 * body signed with Signature Version 4, `ParameterNotFound` for an unknown
 * name), so the product's real request can be exercised: SSM has no local
 * stand-in.
 *
 * @param parameters - SecureString values by parameter name
 * @param credentials - when given, requests not signed with them are refused as AWS refuses them
 */
const startSsmReceiver = async (
  parameters: Record<string, string> = {},
  credentials?: SsmCredentials
): Promise<SsmReceiver> => {
  const faults: number[] = [];
  const receiver = {
    endpoint: '',
    parameters: new Map(Object.entries(parameters)),
    requests: [] as SsmRequest[],
    failNext(...statuses: number[]) {
      faults.push(...statuses);
    },
    stop: async () => close(server),
  };
  const handle = async (
    request: IncomingMessage,
    response: ServerResponse
  ): Promise<void> => {
    const text = await readBody(request);
    if (!targets(request, response, TARGET)) return;
    const signed = checkSignature(request, text, credentials);
    if (!signed.ok) {
      answerJson(response, 400, {
        __type: signed.type,
        message: signed.message,
      });
      return;
    }
    const input = JSON.parse(text) as {
      Name?: string;
      WithDecryption?: boolean;
    };
    const name = input.Name ?? '';
    receiver.requests.push({
      name,
      withDecryption: input.WithDecryption === true,
      accessKeyId: signed.accessKeyId,
      region: signed.region,
      ...(signed.sessionToken !== undefined && {
        sessionToken: signed.sessionToken,
      }),
    });
    const fault = faults.shift();
    if (fault !== undefined) {
      answerJson(response, fault, {
        __type: fault >= 500 ? 'InternalServerError' : 'ValidationException',
        message: `injected fault ${fault}`,
      });
      return;
    }
    const value = receiver.parameters.get(name);
    if (value === undefined) {
      answerJson(response, 400, { __type: 'ParameterNotFound', message: '' });
      return;
    }
    answerJson(response, 200, {
      Parameter: {
        Name: name,
        Type: 'SecureString',
        // Without WithDecryption, SSM returns the ciphertext.
        Value: input.WithDecryption === true ? value : 'AQICAHencrypted==',
        Version: 1,
        ARN: `arn:aws:ssm:us-east-1:111122223333:parameter${name.startsWith('/') ? '' : '/'}${name}`,
        DataType: 'text',
      },
    });
  };
  const server = createServer((request, response) => {
    handle(request, response).catch(() => response.destroy());
  });
  receiver.endpoint = `http://127.0.0.1:${await listen(server)}`;
  return receiver;
};

export type { SsmCredentials, SsmReceiver, SsmRequest };
export { startSsmReceiver };
