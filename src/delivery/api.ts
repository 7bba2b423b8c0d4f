/** The Bot API object the delivery worker sends with: grammY's `Api`, plus auto-retry. */
import { autoRetry } from "@grammyjs/auto-retry";
import { Api, type ApiClientOptions } from "grammy";

export interface DeliveryApiOptions {
  /** Client options: `apiRoot` for a self-hosted Bot API server, `fetch` for tests. */
  client?: ApiClientOptions;
  /**
   * Retry 5xx and network errors in place with @grammyjs/auto-retry (off by default). In place, a
   * failing call holds one of the worker's few sending slots through every retry (3 + 6 + 12 s):
   * a handful of them stall a broadcast. Off, the row goes back to the queue with its backoff and
   * the slot serves the next chat at once.
   */
  autoRetry?: boolean;
  /** Longest `retry_after` auto-retry waits in place when it is on (default 0: 429s go back to the queue). */
  maxDelaySeconds?: number;
}

/**
 * How long one Bot API request of the worker may take before it is abandoned and retried. A
 * sendMessage answers in well under a second; a hung one holds a sending slot until this.
 */
export const DELIVERY_TIMEOUT_SECONDS = 10;

/** Creates the `Api` for the delivery worker. */
export function createDeliveryApi(token: string, options: DeliveryApiOptions = {}): Api {
  // grammY waits 500 s for an answer by default; a request hanging that long would outlive the
  // row's lease, and another worker could send the row again while it is still in flight.
  const api = new Api(token, { timeoutSeconds: DELIVERY_TIMEOUT_SECONDS, ...options.client });
  if (options.autoRetry) {
    api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: options.maxDelaySeconds ?? 0, rethrowHttpErrors: true }));
  }
  return api;
}
