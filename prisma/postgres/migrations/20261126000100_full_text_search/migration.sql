-- The store now keeps each record's searchable words in "search_text" (lowercase tokens, written by
-- the store on every write). Existing rows are backfilled from their text fields here.

-- AlterTable
ALTER TABLE "alma_heuristics" ADD COLUMN "search_text" TEXT NOT NULL DEFAULT '';

-- Backfill
UPDATE "alma_heuristics" SET "search_text" = trim(regexp_replace(lower(coalesce("condition", '') || ' ' || coalesce("strategy", '')), '[^[:alnum:]]+', ' ', 'g'));

-- Full-text index (hand-written: Prisma cannot express generated tsvector columns)
ALTER TABLE "alma_heuristics" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('simple', "search_text")) STORED;
CREATE INDEX "alma_heuristics_search_vector_idx" ON "alma_heuristics" USING GIN ("search_vector");

-- AlterTable
ALTER TABLE "alma_outcomes" ADD COLUMN "search_text" TEXT NOT NULL DEFAULT '';

-- Backfill
UPDATE "alma_outcomes" SET "search_text" = trim(regexp_replace(lower(coalesce("task_description", '') || ' ' || coalesce("strategy_used", '') || ' ' || coalesce("error_message", '') || ' ' || coalesce("user_feedback", '')), '[^[:alnum:]]+', ' ', 'g'));

-- Full-text index (hand-written: Prisma cannot express generated tsvector columns)
ALTER TABLE "alma_outcomes" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('simple', "search_text")) STORED;
CREATE INDEX "alma_outcomes_search_vector_idx" ON "alma_outcomes" USING GIN ("search_vector");

-- AlterTable
ALTER TABLE "alma_preferences" ADD COLUMN "search_text" TEXT NOT NULL DEFAULT '';

-- Backfill
UPDATE "alma_preferences" SET "search_text" = trim(regexp_replace(lower(coalesce("preference", '')), '[^[:alnum:]]+', ' ', 'g'));

-- Full-text index (hand-written: Prisma cannot express generated tsvector columns)
ALTER TABLE "alma_preferences" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('simple', "search_text")) STORED;
CREATE INDEX "alma_preferences_search_vector_idx" ON "alma_preferences" USING GIN ("search_vector");

-- AlterTable
ALTER TABLE "alma_domain_knowledge" ADD COLUMN "search_text" TEXT NOT NULL DEFAULT '';

-- Backfill
UPDATE "alma_domain_knowledge" SET "search_text" = trim(regexp_replace(lower(coalesce("fact", '')), '[^[:alnum:]]+', ' ', 'g'));

-- Full-text index (hand-written: Prisma cannot express generated tsvector columns)
ALTER TABLE "alma_domain_knowledge" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('simple', "search_text")) STORED;
CREATE INDEX "alma_domain_knowledge_search_vector_idx" ON "alma_domain_knowledge" USING GIN ("search_vector");

-- AlterTable
ALTER TABLE "alma_anti_patterns" ADD COLUMN "search_text" TEXT NOT NULL DEFAULT '';

-- Backfill
UPDATE "alma_anti_patterns" SET "search_text" = trim(regexp_replace(lower(coalesce("pattern", '') || ' ' || coalesce("why_bad", '') || ' ' || coalesce("better_alternative", '')), '[^[:alnum:]]+', ' ', 'g'));

-- Full-text index (hand-written: Prisma cannot express generated tsvector columns)
ALTER TABLE "alma_anti_patterns" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('simple', "search_text")) STORED;
CREATE INDEX "alma_anti_patterns_search_vector_idx" ON "alma_anti_patterns" USING GIN ("search_vector");
