import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  isJSONRPCErrorResponse,
  isJSONRPCResultResponse,
  type JSONRPCMessage,
  type JSONRPCRequest,
} from '@modelcontextprotocol/sdk/types.js';

/**
 * A transport that carries one request in and its one response out: it lets the original
 * server's plain JSON-RPC `POST /` be answered by the same SDK server as every other transport.
 */
export class OneShotTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: <T extends JSONRPCMessage>(message: T) => void;
  private answer: ((message: JSONRPCMessage) => void) | null = null;
  private expected: JSONRPCRequest['id'] | null = null;

  async start(): Promise<void> {}

  async send(message: JSONRPCMessage): Promise<void> {
    const isReply = isJSONRPCResultResponse(message) || isJSONRPCErrorResponse(message);
    if (isReply && message.id === this.expected) this.answer?.(message);
  }

  async close(): Promise<void> {
    this.onclose?.();
  }

  /** Delivers a request and waits for the server's response to it. */
  request(message: JSONRPCRequest): Promise<JSONRPCMessage> {
    return new Promise((resolve) => {
      this.expected = message.id;
      this.answer = resolve;
      this.onmessage?.(message);
    });
  }

  /** Delivers a notification: there is no response to wait for. */
  notify(message: JSONRPCMessage): void {
    this.onmessage?.(message);
  }
}
