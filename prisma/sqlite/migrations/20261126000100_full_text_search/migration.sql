-- The store now keeps each record's searchable words in "search_text" (lowercase tokens, written by
-- the store on every write). Existing rows are backfilled from their text fields here.

-- AlterTable
ALTER TABLE "alma_heuristics" ADD COLUMN "search_text" TEXT NOT NULL DEFAULT '';

-- Backfill
UPDATE "alma_heuristics" SET "search_text" = lower(coalesce("condition", '') || ' ' || coalesce("strategy", ''));

-- Full-text index (hand-written: FTS5 over search_text, kept in step by triggers)
CREATE VIRTUAL TABLE "alma_heuristics_fts" USING fts5(search_text, content='alma_heuristics', content_rowid='rowid', tokenize='unicode61 remove_diacritics 0');
INSERT INTO "alma_heuristics_fts"("alma_heuristics_fts") VALUES ('rebuild');
CREATE TRIGGER "alma_heuristics_fts_insert" AFTER INSERT ON "alma_heuristics" BEGIN
  INSERT INTO "alma_heuristics_fts"(rowid, search_text) VALUES (new.rowid, new.search_text);
END;
CREATE TRIGGER "alma_heuristics_fts_delete" AFTER DELETE ON "alma_heuristics" BEGIN
  INSERT INTO "alma_heuristics_fts"("alma_heuristics_fts", rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
END;
CREATE TRIGGER "alma_heuristics_fts_update" AFTER UPDATE OF search_text ON "alma_heuristics" BEGIN
  INSERT INTO "alma_heuristics_fts"("alma_heuristics_fts", rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
  INSERT INTO "alma_heuristics_fts"(rowid, search_text) VALUES (new.rowid, new.search_text);
END;

-- AlterTable
ALTER TABLE "alma_outcomes" ADD COLUMN "search_text" TEXT NOT NULL DEFAULT '';

-- Backfill
UPDATE "alma_outcomes" SET "search_text" = lower(coalesce("task_description", '') || ' ' || coalesce("strategy_used", '') || ' ' || coalesce("error_message", '') || ' ' || coalesce("user_feedback", ''));

-- Full-text index (hand-written: FTS5 over search_text, kept in step by triggers)
CREATE VIRTUAL TABLE "alma_outcomes_fts" USING fts5(search_text, content='alma_outcomes', content_rowid='rowid', tokenize='unicode61 remove_diacritics 0');
INSERT INTO "alma_outcomes_fts"("alma_outcomes_fts") VALUES ('rebuild');
CREATE TRIGGER "alma_outcomes_fts_insert" AFTER INSERT ON "alma_outcomes" BEGIN
  INSERT INTO "alma_outcomes_fts"(rowid, search_text) VALUES (new.rowid, new.search_text);
END;
CREATE TRIGGER "alma_outcomes_fts_delete" AFTER DELETE ON "alma_outcomes" BEGIN
  INSERT INTO "alma_outcomes_fts"("alma_outcomes_fts", rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
END;
CREATE TRIGGER "alma_outcomes_fts_update" AFTER UPDATE OF search_text ON "alma_outcomes" BEGIN
  INSERT INTO "alma_outcomes_fts"("alma_outcomes_fts", rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
  INSERT INTO "alma_outcomes_fts"(rowid, search_text) VALUES (new.rowid, new.search_text);
END;

-- AlterTable
ALTER TABLE "alma_preferences" ADD COLUMN "search_text" TEXT NOT NULL DEFAULT '';

-- Backfill
UPDATE "alma_preferences" SET "search_text" = lower(coalesce("preference", ''));

-- Full-text index (hand-written: FTS5 over search_text, kept in step by triggers)
CREATE VIRTUAL TABLE "alma_preferences_fts" USING fts5(search_text, content='alma_preferences', content_rowid='rowid', tokenize='unicode61 remove_diacritics 0');
INSERT INTO "alma_preferences_fts"("alma_preferences_fts") VALUES ('rebuild');
CREATE TRIGGER "alma_preferences_fts_insert" AFTER INSERT ON "alma_preferences" BEGIN
  INSERT INTO "alma_preferences_fts"(rowid, search_text) VALUES (new.rowid, new.search_text);
END;
CREATE TRIGGER "alma_preferences_fts_delete" AFTER DELETE ON "alma_preferences" BEGIN
  INSERT INTO "alma_preferences_fts"("alma_preferences_fts", rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
END;
CREATE TRIGGER "alma_preferences_fts_update" AFTER UPDATE OF search_text ON "alma_preferences" BEGIN
  INSERT INTO "alma_preferences_fts"("alma_preferences_fts", rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
  INSERT INTO "alma_preferences_fts"(rowid, search_text) VALUES (new.rowid, new.search_text);
END;

-- AlterTable
ALTER TABLE "alma_domain_knowledge" ADD COLUMN "search_text" TEXT NOT NULL DEFAULT '';

-- Backfill
UPDATE "alma_domain_knowledge" SET "search_text" = lower(coalesce("fact", ''));

-- Full-text index (hand-written: FTS5 over search_text, kept in step by triggers)
CREATE VIRTUAL TABLE "alma_domain_knowledge_fts" USING fts5(search_text, content='alma_domain_knowledge', content_rowid='rowid', tokenize='unicode61 remove_diacritics 0');
INSERT INTO "alma_domain_knowledge_fts"("alma_domain_knowledge_fts") VALUES ('rebuild');
CREATE TRIGGER "alma_domain_knowledge_fts_insert" AFTER INSERT ON "alma_domain_knowledge" BEGIN
  INSERT INTO "alma_domain_knowledge_fts"(rowid, search_text) VALUES (new.rowid, new.search_text);
END;
CREATE TRIGGER "alma_domain_knowledge_fts_delete" AFTER DELETE ON "alma_domain_knowledge" BEGIN
  INSERT INTO "alma_domain_knowledge_fts"("alma_domain_knowledge_fts", rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
END;
CREATE TRIGGER "alma_domain_knowledge_fts_update" AFTER UPDATE OF search_text ON "alma_domain_knowledge" BEGIN
  INSERT INTO "alma_domain_knowledge_fts"("alma_domain_knowledge_fts", rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
  INSERT INTO "alma_domain_knowledge_fts"(rowid, search_text) VALUES (new.rowid, new.search_text);
END;

-- AlterTable
ALTER TABLE "alma_anti_patterns" ADD COLUMN "search_text" TEXT NOT NULL DEFAULT '';

-- Backfill
UPDATE "alma_anti_patterns" SET "search_text" = lower(coalesce("pattern", '') || ' ' || coalesce("why_bad", '') || ' ' || coalesce("better_alternative", ''));

-- Full-text index (hand-written: FTS5 over search_text, kept in step by triggers)
CREATE VIRTUAL TABLE "alma_anti_patterns_fts" USING fts5(search_text, content='alma_anti_patterns', content_rowid='rowid', tokenize='unicode61 remove_diacritics 0');
INSERT INTO "alma_anti_patterns_fts"("alma_anti_patterns_fts") VALUES ('rebuild');
CREATE TRIGGER "alma_anti_patterns_fts_insert" AFTER INSERT ON "alma_anti_patterns" BEGIN
  INSERT INTO "alma_anti_patterns_fts"(rowid, search_text) VALUES (new.rowid, new.search_text);
END;
CREATE TRIGGER "alma_anti_patterns_fts_delete" AFTER DELETE ON "alma_anti_patterns" BEGIN
  INSERT INTO "alma_anti_patterns_fts"("alma_anti_patterns_fts", rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
END;
CREATE TRIGGER "alma_anti_patterns_fts_update" AFTER UPDATE OF search_text ON "alma_anti_patterns" BEGIN
  INSERT INTO "alma_anti_patterns_fts"("alma_anti_patterns_fts", rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
  INSERT INTO "alma_anti_patterns_fts"(rowid, search_text) VALUES (new.rowid, new.search_text);
END;
