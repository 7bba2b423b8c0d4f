import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** Runs `npm start`'s entry point as a child process, like a user would. */
function start(env: Record<string, string>, stdin: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", LANG: "en_US.UTF-8", ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe("npm start", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "newsbot-main-"));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it("without BOT_TOKEN runs local mode on PGlite, answers piped lines, exits 0; a restart keeps one copy of the seeds", async () => {
    const first = await start({ DATA_DIR: dataDir }, "/start\n/latest\n");
    expect(first.stderr).not.toContain("Fatal");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("bot> 👋 Hello");
    expect(first.stdout).toContain("Le plan de paix américain");
    const second = await start({ DATA_DIR: dataDir }, "/latest 10\n");
    expect(second.code).toBe(0);
    // Still exactly one article after a second start: seeds load once.
    expect(second.stdout.match(/· Le plan de paix américain/g)).toHaveLength(1);
  }, 240_000); // two real starts, the first with initdb: slow on a loaded machine

  it("exits 2 listing every configuration problem", async () => {
    const result = await start({ DATA_DIR: dataDir, HTTP_PORT: "abc", BOT_ROLE: "boss" }, "");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Invalid configuration");
    expect(result.stderr).toContain("HTTP_PORT");
    expect(result.stderr).toContain("BOT_ROLE");
    expect(result.stderr).not.toContain("    at "); // no stack trace
  });

  it("explains an unreachable database instead of printing a stack trace", async () => {
    const result = await start({ DATABASE_URL: "postgres://postgres:hunter2@127.0.0.1:1/nothing" }, "");
    expect(result.code).toBe(1);
    const output = result.stdout + result.stderr;
    expect(output).toContain("Cannot reach the database at postgres://postgres:***@127.0.0.1:1/nothing");
    expect(output).not.toContain("hunter2");
    expect(output).not.toContain("    at ");
  });
});
