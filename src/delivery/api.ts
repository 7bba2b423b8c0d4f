/** The Bot API object the delivery worker sends with: grammY's `Api`, plus auto-retry. */
import { autoRetry } from "@grammyjs/auto-retry";
import { Api, type ApiClientOptions } from "grammy";

export interface DeliveryApiOptions {
  /** Client options: `apiRoot` for a self-hosted Bot API server, `fetch` for tests. */
  client?: ApiClientOptions;
  /**
   * Let @grammyjs/auto-retry retry 5xx and network errors in place (and 429s up to
   * `maxDelaySeconds`). Tests that count raw 429s turn it off; the worker then reschedules the row.
   */
  autoRetry?: boolean;
  /**
   * Longest `retry_after` auto-retry waits in place; longer ones go back to the queue. Default 0:
   * every 429 goes back to the queue and is sent again within the worker's rate. A retry in place
   * is a send the rate limiter does not see: one more than the rate allows, which under a cap
   * draws the next 429, whose retry draws the next.
   */
  maxDelaySeconds?: number;
}

/** How long one Bot API request of the worker may take before it is abandoned and retried. */
export const DELIVERY_TIMEOUT_SECONDS = 30;

/** Creates the `Api` for the delivery worker. */
export function createDeliveryApi(token: string, options: DeliveryApiOptions = {}): Api {
  // grammY waits 500 s for an answer by default; a request hanging that long would outlive the
  // row's lease (5 min), and another worker could send the row again while it is still in flight.
  // 30 s is far above a normal sendMessage and far below the lease. The caller can override it.
  const api = new Api(token, { timeoutSeconds: DELIVERY_TIMEOUT_SECONDS, ...options.client });
  if (options.autoRetry !== false) {
    // Few attempts: a row that keeps failing goes back to the queue with its own backoff instead
    // of holding a sending slot (and its lease) for minutes.
    api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: options.maxDelaySeconds ?? 0, rethrowHttpErrors: true }));
  }
  return api;
}
