/**
 * What every benchmark module receives: the size profile, the backend, a log line writer, and the
 * shared dataset, built in stages on first use (small entity set → articles → large entity set),
 * so a single benchmark run with --only builds just what it needs.
 */
import { openBenchDatabase, type BenchDatabase } from "./database.js";
import { createDataset, type Dataset } from "./dataset.js";
import type { ResultRow } from "./stats.js";

export type Profile = "full" | "quick" | "tiny";

export interface Sizes {
  /** Entities (catalog included) for the small who-is run. */
  smallEntities: number;
  /** Entities for the large who-is run and update handling. */
  largeEntities: number;
  articles: number;
  updates: number;
  /** Times each who-is query is repeated for the latency percentiles. */
  whoIsRepeats: number;
  /** At most this many who-is queries (an even sample across categories); 0 = all. */
  whoIsQueries: number;
  broadcast: {
    /** The paid-mode run: subscribers and the server's global cap. */
    paid: { subscribers: number; cap: number };
    /** The free-mode run at the default cap (skipped when subscribers is 0). */
    free: { subscribers: number; cap: number };
    /** Messages the naive sequential sender tries in each run (it is slow by design). */
    naiveMessages: number;
    latencyMs: number;
  };
}

export const SIZES: Record<Profile, Sizes> = {
  full: {
    smallEntities: 1_000,
    largeEntities: 100_000,
    articles: 200,
    updates: 20_000,
    whoIsRepeats: 5,
    whoIsQueries: 0,
    broadcast: { paid: { subscribers: 100_000, cap: 1000 }, free: { subscribers: 1_500, cap: 25 }, naiveMessages: 1_500, latencyMs: 20 },
  },
  quick: {
    smallEntities: 1_000,
    largeEntities: 5_000,
    articles: 20,
    updates: 300,
    whoIsRepeats: 1,
    whoIsQueries: 60,
    broadcast: { paid: { subscribers: 500, cap: 100 }, free: { subscribers: 100, cap: 25 }, naiveMessages: 200, latencyMs: 20 },
  },
  tiny: {
    smallEntities: 300,
    largeEntities: 1_000,
    articles: 8,
    updates: 200,
    whoIsRepeats: 1,
    whoIsQueries: 24,
    broadcast: { paid: { subscribers: 60, cap: 100 }, free: { subscribers: 0, cap: 25 }, naiveMessages: 30, latencyMs: 5 },
  },
};

export interface BenchContext {
  profile: Profile;
  sizes: Sizes;
  /** The server's URL when benchmarking on PostgreSQL; undefined means PGlite. */
  databaseUrl?: string;
  backend: "pglite" | "postgres";
  log(message: string): void;
  /** The shared dataset grown to `stage` (stages are cumulative). */
  dataset(stage: "small" | "large"): Promise<Dataset>;
  /** Setup notes (how data was made, how long it took) for the report. */
  notes: string[];
  close(): Promise<void>;
}

/** One benchmark's output: its table rows and any details worth keeping in results.json. */
export interface BenchmarkResult {
  name: string;
  rows: ResultRow[];
  details?: Record<string, unknown>;
  notes?: string[];
}

/** Creates the context; the database is opened on first use. */
export function createBenchContext(options: { profile: Profile; databaseUrl?: string; log?: (m: string) => void }): BenchContext {
  // A copy: the runner may override sizes for one run.
  const sizes: Sizes = structuredClone(SIZES[options.profile]);
  const log = options.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const notes: string[] = [];
  let bench: Promise<BenchDatabase> | undefined;
  let dataset: Promise<Dataset> | undefined;
  let stage = 0;
  let staging: Promise<void> = Promise.resolve();

  async function open(): Promise<Dataset> {
    bench ??= openBenchDatabase({ databaseUrl: options.databaseUrl });
    dataset ??= bench.then((b) => createDataset(b));
    return dataset;
  }

  return {
    profile: options.profile,
    sizes,
    databaseUrl: options.databaseUrl,
    backend: options.databaseUrl ? "postgres" : "pglite",
    log,
    notes,
    async dataset(wanted) {
      const ds = await open();
      const target = wanted === "small" ? 1 : 2;
      staging = staging.then(async () => {
        if (stage < 1 && target >= 1) {
          const s = await ds.growEntities(sizes.smallEntities);
          log(`  dataset: ${sizes.smallEntities} entities in ${s.toFixed(1)} s`);
          const a = await ds.ensureArticles(sizes.articles);
          log(`  dataset: ${sizes.articles} articles published in ${a.toFixed(1)} s`);
          notes.push(
            `Data: ${sizes.smallEntities} entities (seed catalog + generated, bulk upsert through the catalog repository) in ${s.toFixed(1)} s; ` +
              `${sizes.articles} generated articles through news.publish() in ${a.toFixed(1)} s (${((a / sizes.articles) * 1000).toFixed(0)} ms each), ` +
              `published at ${sizes.smallEntities} entities, before the large entity set.`,
          );
          stage = 1;
        }
        if (stage < 2 && target >= 2) {
          const s = await ds.growEntities(sizes.largeEntities);
          log(`  dataset: grown to ${sizes.largeEntities} entities in ${s.toFixed(1)} s`);
          notes.push(`Data: grown to ${sizes.largeEntities} entities in ${s.toFixed(1)} s (bulk upsert, 5,000 per transaction).`);
          stage = 2;
        }
      });
      await staging;
      return ds;
    },
    async close() {
      if (bench) await (await bench).close();
    },
  };
}
