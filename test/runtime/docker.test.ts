import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseConfig } from "../../src/config.js";

const root = new URL("../../", import.meta.url);
const read = (file: string) => readFileSync(new URL(file, root), "utf8");

interface Service {
  image?: string;
  build?: unknown;
  env_file?: string | string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] | string };
  stop_grace_period?: string;
}

/** No Docker engine here: these checks keep the compose file and Dockerfile honest by review. */
describe("docker", () => {
  const compose = parse(read("docker-compose.yml")) as { services: Record<string, Service> };
  const dockerfile = read("Dockerfile");

  it("starts Postgres 16 with a health check, and the bot only once it is healthy", () => {
    const { db, bot } = compose.services;
    expect(db?.image).toMatch(/^postgres:16(\.|-|$)/);
    expect(JSON.stringify(db?.healthcheck?.test)).toContain("pg_isready");
    expect(bot?.build).toBeDefined();
    expect(bot?.depends_on).toEqual({ db: { condition: "service_healthy" } });
    expect(JSON.stringify(bot?.healthcheck?.test)).toContain("/healthz");
  });

  it("configures the bot from .env, with the database at the db service and HTTP on all interfaces", () => {
    const bot = compose.services.bot!;
    expect([bot.env_file].flat()).toContain(".env");
    const url = new URL(bot.environment!.DATABASE_URL!.replace(/\$\{POSTGRES_PASSWORD:-(\w+)\}/, "$1"));
    expect(url.hostname).toBe("db");
    expect(url.pathname).toBe(`/${compose.services.db!.environment!.POSTGRES_DB}`);
    expect(url.username).toBe(compose.services.db!.environment!.POSTGRES_USER);
    expect(bot.environment!.HTTP_HOST).toBe("0.0.0.0");
    // The graceful shutdown needs up to 10 s; Docker's default grace is 10 s.
    expect(Number.parseInt(bot.stop_grace_period ?? "10", 10)).toBeGreaterThan(10);
  });

  it("builds in several stages and runs as a non-root user with a health check", () => {
    const stages = dockerfile.match(/^FROM\s+\S+\s+AS\s+\S+/gim) ?? [];
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/^FROM node:20/m);
    expect(dockerfile).toMatch(/npm ci/);
    const finalStage = dockerfile.slice(dockerfile.lastIndexOf("\nFROM "));
    const user = /^USER\s+(\S+)/m.exec(finalStage)?.[1];
    expect(user).toBeDefined();
    expect(["root", "0"]).not.toContain(user);
    expect(finalStage).toMatch(/^HEALTHCHECK .*\n?.*\/healthz/m);
    expect(finalStage).toMatch(/^CMD \[/m); // exec form: SIGTERM reaches Node
    // The compiled build, not the TypeScript loader (`npm run build` makes dist/).
    expect(finalStage).toMatch(/^CMD \["node", "dist\/main\.js"\]/m);
    expect(dockerfile).toMatch(/npm run build/);
    expect(read(".dockerignore")).toMatch(/^node_modules$/m);
    expect(read(".dockerignore")).toMatch(/^\.env$/m);
  });

  it("documents every variable the configuration reads in .env.example, and the example parses", () => {
    const example = read(".env.example");
    const documented = new Set([...example.matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]));
    const config = read("src/config.ts");
    const read_ = new Set([...config.matchAll(/^\s{4}([A-Z][A-Z_]+):/gm)].map((m) => m[1]));
    expect(read_.size).toBeGreaterThanOrEqual(15);
    for (const name of read_) expect(documented, `${name} is not in .env.example`).toContain(name);
    const env = Object.fromEntries([...example.matchAll(/^([A-Z_]+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]));
    expect(() => parseConfig(env)).not.toThrow();
  });
});
