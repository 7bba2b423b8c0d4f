/**
 * The update inbox both transports share: an update is recorded in PostgreSQL (with its payload)
 * before Telegram learns it arrived, handled, then marked handled. Polling confirms an offset
 * only with the next getUpdates, after the batch's insert committed; a webhook answers 200 only
 * after the handler ran. So an update being handled at a kill -9 is not lost: its row is still
 * unhandled, and once its lease lapses a live process (or, on PGlite, the restarted one at once)
 * handles it. Handled updates are never handled again; the one window is a handler that finished
 * while its "handled" mark was not yet written.
 */
import type { Update } from "grammy/types";
import type { Logger } from "pino";
import type { ProcessedUpdateRepository } from "../db/repositories/processed-updates.js";
import { createGroupCommit } from "../group-commit.js";
import { createPeriodicJob, type PeriodicJob } from "../periodic-job.js";

export interface UpdateInboxOptions {
  repo: Pick<ProcessedUpdateRepository, "record" | "markHandled" | "claimUnhandled" | "purgeOlderThan">;
  log: Logger;
  /** How long a process holds an update it is handling before another may take it over. */
  leaseMs?: number;
  /** How often unhandled updates of dead processes are looked for. */
  recoverEveryMs?: number;
  /** The only process on this database (PGlite): everything unhandled is its own at start. */
  singleProcess?: boolean;
}

export interface UpdateInbox {
  /** Records updates; resolves with those to handle now (the ones never received before). */
  accept(updates: Update[]): Promise<Update[]>;
  /** The update's handler finished (well or not): it is never handled again. */
  done(updateId: number): Promise<void>;
  /** Handles, with `handle`, what a dead process left: now, then every `recoverEveryMs`. */
  startRecovery(handle: (update: Update) => Promise<unknown>): void;
  /** Forgets updates received more than `maxAgeMs` ago. */
  purgeOlderThan(maxAgeMs: number): Promise<number>;
  stop(): Promise<void>;
}

/** A handler slower than this is taken for dead: a minute is far above any update's work. */
const DEFAULT_LEASE_MS = 60_000;

export function createUpdateInbox(options: UpdateInboxOptions): UpdateInbox {
  const { repo, log } = options;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const recoverEveryMs = options.recoverEveryMs ?? 10_000;
  let job: PeriodicJob | undefined;
  let stopped = false;
  // Rows received before this process started are not in flight here: on PGlite, nobody's.
  const startedAt = new Date();
  // Handlers that finish together are marked handled in one statement (one round trip per group,
  // not per update, under load; a lone update is marked at once).
  const handledMarks = createGroupCommit((updateIds: number[]) => repo.markHandled(updateIds));

  async function recover(handle: (update: Update) => Promise<unknown>): Promise<void> {
    for (;;) {
      const updates = await repo.claimUnhandled({ limit: 100, leaseMs, orReceivedBefore: options.singleProcess ? startedAt : undefined });
      if (updates.length === 0) return;
      log.info({ count: updates.length, first: updates[0]!.update_id }, "Handling updates a stopped process received but did not finish");
      for (const update of updates) {
        if (stopped) return;
        try {
          await handle(update);
        } catch (error) {
          log.warn({ err: error, updateId: update.update_id }, "A recovered update failed");
        }
        await repo.markHandled([update.update_id]);
      }
    }
  }

  return {
    async accept(updates) {
      const fresh = await repo.record(updates, leaseMs);
      return updates.filter((update) => fresh.has(update.update_id));
    },
    async done(updateId) {
      try {
        await handledMarks.add(updateId);
      } catch (error) {
        // Not fatal: the update was handled; at worst it is handled again after its lease.
        log.warn({ err: error, updateId }, "Could not mark an update handled");
      }
    },
    startRecovery(handle) {
      if (stopped) return;
      job ??= createPeriodicJob({ run: () => recover(handle), intervalMs: recoverEveryMs, log, failure: "Could not recover unhandled updates; trying again later" });
      job.start();
    },
    purgeOlderThan: (maxAgeMs) => repo.purgeOlderThan(maxAgeMs),
    async stop() {
      stopped = true;
      await job?.stop();
    },
  };
}
