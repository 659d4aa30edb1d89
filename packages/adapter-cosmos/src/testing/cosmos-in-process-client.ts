import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import {
  createHttpHeaders,
  type HttpClient,
  type PipelineRequest,
  type PipelineResponse,
} from './cosmos-rest-pipeline.js';

/**
 * An HTTP client for CosmosClient that hands each request to a stand-in's request handler in this
 * process instead of sending it over a socket. The SDK still builds every request as for the wire
 * (URL, headers, signature, body) and the stand-in parses it as it would one from the network; what
 * goes away is the loopback round trip between two processes, which on a small shared machine costs
 * more CPU than the request itself.
 */
export class InProcessHttpClient implements HttpClient {
  constructor(private readonly handle: RequestListener) {}

  async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
    const url = new URL(request.url);
    const incoming = Object.assign(Readable.from([bodyBytes(request.body)], { objectMode: false }), {
      method: request.method,
      url: `${url.pathname}${url.search}`,
      headers: { ...request.headers.toJSON(), host: url.host },
    });
    return new Promise<PipelineResponse>((resolve) => {
      const headers: Record<string, string> = {};
      const response = {
        statusCode: 200,
        finished: false,
        setHeader(name: string, value: number | string | readonly string[]) {
          headers[name.toLowerCase()] = String(value);
          return response;
        },
        end(text?: string) {
          response.finished = true;
          resolve({
            request,
            status: response.statusCode,
            headers: createHttpHeaders(headers),
            bodyAsText: text ?? '',
          });
          return response;
        },
      };
      // The stand-in reads only these members of the request and the response.
      this.handle(incoming as unknown as IncomingMessage, response as unknown as ServerResponse);
    });
  }
}

/** The SDK sends JSON text; anything else would be a change in the SDK that this client must learn. */
function bodyBytes(body: PipelineRequest['body']): Buffer {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === 'string') return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  throw new TypeError('the in-process stand-in takes string or byte request bodies only');
}
