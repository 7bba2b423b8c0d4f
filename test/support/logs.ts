/** A real pino logger whose JSON lines are kept in memory, for assertions on what gets logged. */
import { Writable } from "node:stream";
import { createLogger } from "../../src/logger.js";

export function captureLogs(options: { level?: string; secrets?: Array<string | undefined> } = {}) {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
  const log = createLogger({ level: options.level ?? "debug", destination, secrets: options.secrets });
  return {
    log,
    text: () => chunks.join(""),
    lines: () =>
      chunks
        .join("")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown> & { msg?: string }),
  };
}
