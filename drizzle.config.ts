import { defineConfig } from "drizzle-kit";

// Only `drizzle-kit generate` reads this: migrations are committed SQL and applied by the bot at start.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/schema.ts",
  out: "./drizzle",
});
