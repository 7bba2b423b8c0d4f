/** The Bot API object the delivery worker sends with: grammY's `Api`, plus auto-retry. */
import { autoRetry } from "@grammyjs/auto-retry";
import { Api, type ApiClientOptions } from "grammy";

export interface DeliveryApiOptions {
  /** Client options: `apiRoot` for a self-hosted Bot API server, `fetch` for tests. */
  client?: ApiClientOptions;
  /**
   * Let @grammyjs/auto-retry wait out 429s (`retry_after` up to `maxDelaySeconds`) and retry 5xx.
   * Tests that count raw 429s turn it off; the worker then reschedules the row itself.
   */
  autoRetry?: boolean;
  /** Longest `retry_after` auto-retry waits in place; longer ones go back to the queue. */
  maxDelaySeconds?: number;
}

/** Creates the `Api` for the delivery worker. */
export function createDeliveryApi(token: string, options: DeliveryApiOptions = {}): Api {
  const api = new Api(token, options.client);
  if (options.autoRetry !== false) {
    // Few attempts: a row that keeps failing goes back to the queue with its own backoff instead
    // of holding a sending slot (and its lease) for minutes.
    api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: options.maxDelaySeconds ?? 30, rethrowHttpErrors: true }));
  }
  return api;
}
