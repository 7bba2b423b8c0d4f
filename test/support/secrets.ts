/** Made-up secrets the tests hand the bot, and the check that none of them reached a log. */
import { expect } from "vitest";
import { TEST_TOKEN } from "./telegram.js";

export const WEBHOOK_SECRET = "wh-SECRET_0123456789abcdef";
export const ADMIN_API_TOKEN = "admin-api-token-SECRET-0123456789";
export const DB_PASSWORD = "db-password-SECRET-42";
export const SECRETS = [TEST_TOKEN, WEBHOOK_SECRET, ADMIN_API_TOKEN, DB_PASSWORD];

export function expectNoSecrets(text: string) {
  expect(text.length).toBeGreaterThan(0);
  for (const secret of SECRETS) expect(text, `a secret leaked into the logs`).not.toContain(secret);
  // Not even the token's secret half, as in a URL like /bot42:TEST-token…/sendMessage.
  expect(text).not.toContain(TEST_TOKEN.split(":")[1]);
}
