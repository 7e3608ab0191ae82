import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Listens on 127.0.0.1, on a free port, and returns the port. */
const listen = async (server: Server): Promise<number> => {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
};

/** Returns the whole request body as text. */
const readBody = async (request: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

/**
 * Stops the server. Open keep-alive connections are closed too, or
 * `close()` would wait for the clients' agents to let go.
 */
const close = async (server: Server): Promise<void> => {
  if (!server.listening) return;
  await new Promise<void>((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
};

/** Answers in the awsJson1.1 protocol, as EventBridge and SSM do. */
const answerJson = (
  response: ServerResponse,
  status: number,
  body: unknown
): void => {
  response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
  response.end(JSON.stringify(body));
};

/**
 * Returns true when an awsJson1.1 request names the operation the receiver
 * answers; otherwise answers `UnknownOperationException` and returns false.
 */
const targets = (
  request: IncomingMessage,
  response: ServerResponse,
  target: string
): boolean => {
  if (request.headers['x-amz-target'] === target) return true;
  answerJson(response, 400, {
    __type: 'UnknownOperationException',
    message: `unsupported target ${request.headers['x-amz-target']}`,
  });
  return false;
};

export { answerJson, close, listen, readBody, targets };
