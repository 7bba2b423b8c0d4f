-- pg_trgm powers the fuzzy who-is lookups over entity names and roles.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
