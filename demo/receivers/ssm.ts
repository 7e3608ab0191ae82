import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { close, listen, readBody } from './loopback.js';

/** One `GetParameter` the receiver got. */
interface SsmRequest {
  name: string;
  withDecryption: boolean;
}

/** A loopback stand-in for SSM Parameter Store's `GetParameter`. */
interface SsmReceiver {
  /** `http://127.0.0.1:<port>`: the SSMClient's `endpoint`. */
  endpoint: string;
  /** Parameter values by name; change them to rotate a key. */
  parameters: Map<string, string>;
  requests: SsmRequest[];
  /** Answers the next requests with these HTTP statuses, then serves again. */
  failNext(...statuses: number[]): void;
  stop(): Promise<void>;
}

const TARGET = 'AmazonSSM.GetParameter';

const answer = (
  response: ServerResponse,
  status: number,
  body: unknown
): void => {
  response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
  response.end(JSON.stringify(body));
};

/**
 * Starts a loopback HTTP server that answers `GetParameter` as SSM does
 * (the awsJson1.1 protocol: `X-Amz-Target: AmazonSSM.GetParameter`, a JSON
 * body, `ParameterNotFound` for an unknown name), so the real SSMClient can
 * be exercised: SSM has no local stand-in.
 *
 * @param parameters - SecureString values by parameter name
 */
const startSsmReceiver = async (
  parameters: Record<string, string> = {}
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
    if (request.headers['x-amz-target'] !== TARGET) {
      answer(response, 400, {
        __type: 'UnknownOperationException',
        message: `unsupported target ${request.headers['x-amz-target']}`,
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
    });
    const fault = faults.shift();
    if (fault !== undefined) {
      answer(response, fault, {
        __type: fault >= 500 ? 'InternalServerError' : 'ValidationException',
        message: `injected fault ${fault}`,
      });
      return;
    }
    const value = receiver.parameters.get(name);
    if (value === undefined) {
      answer(response, 400, { __type: 'ParameterNotFound', message: '' });
      return;
    }
    answer(response, 200, {
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

export type { SsmReceiver, SsmRequest };
export { startSsmReceiver };
