/**
 * Runs the real bot (`node --import tsx src/main.ts`) as a child process for fault tests, with its
 * JSON log lines kept in memory. Every process started here is killed by `killAll()`.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { TEST_TOKEN } from "./telegram.js";

export interface BotProcess {
  child: ChildProcessWithoutNullStreams;
  /** Everything written to stdout and stderr. */
  output(): string;
  /** Parsed JSON log lines. */
  lines(): Array<Record<string, unknown>>;
  /** Resolves with the exit code (or the signal name). */
  exited: Promise<number | string | null>;
  /** Resolves once the process logged "Bot running"; throws if it exited first. */
  ready(timeoutMs?: number): Promise<void>;
}

const running = new Set<ChildProcessWithoutNullStreams>();

/**
 * Starts the bot with BOT_TOKEN, TELEGRAM_API_ROOT and HTTP_PORT=0 set, plus `env`; `nodeArgs` go
 * to node itself (`--cpu-prof`, say).
 */
export function startBotProcess(
  apiRoot: string,
  env: Record<string, string | undefined>,
  { nodeArgs = [] }: { nodeArgs?: string[] } = {},
): BotProcess {
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", "src/main.ts"], {
    cwd: new URL("../../", import.meta.url),
    env: {
      PATH: process.env.PATH,
      BOT_TOKEN: TEST_TOKEN,
      TELEGRAM_API_ROOT: apiRoot,
      HTTP_HOST: "127.0.0.1",
      HTTP_PORT: "0",
      LOG_LEVEL: "info",
      ...env,
    },
    stdio: ["pipe", "pipe", "pipe"],
  });
  running.add(child);
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string | null>((resolve) =>
    child.on("exit", (code, signal) => {
      running.delete(child);
      resolve(code ?? signal);
    }),
  );
  const lines = () =>
    output
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .flatMap((l) => {
        try {
          return [JSON.parse(l) as Record<string, unknown>];
        } catch {
          return [];
        }
      });
  return {
    child,
    output: () => output,
    lines,
    exited,
    async ready(timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (!output.includes('"msg":"Bot running"')) {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`The bot exited before running:\n${output}`);
        if (Date.now() > deadline) throw new Error(`The bot did not start within ${timeoutMs} ms:\n${output}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}

/** The port of the bot's HTTP server, from its "HTTP server listening" log line. */
export function httpPortOf(bot: BotProcess): number {
  const line = bot.lines().find((l) => l.msg === "HTTP server listening");
  if (!line) throw new Error("The bot has not logged its HTTP port yet");
  return Number(line.port);
}

/** Kills (SIGKILL) every bot process still running; for afterAll. */
export async function killAll(): Promise<void> {
  const waits = [...running].map((child) => new Promise((resolve) => {
    child.once("exit", resolve);
    child.kill("SIGKILL");
  }));
  await Promise.all(waits);
}
