-- The workflow layer (the original's v1.1.0 "workflow context"): checkpoints, workflow outcomes,
-- artifact links and the archive of merged memories, each a kind like the others (full-text index
-- included, empty where a kind has no searchable text). The memory kinds an agent learns into gain
-- nullable workflow scope columns; existing rows stay unscoped (NULL), so nothing is backfilled.

-- AlterTable
ALTER TABLE "alma_heuristics" ADD COLUMN "tenant_id" TEXT;
ALTER TABLE "alma_heuristics" ADD COLUMN "workflow_id" TEXT;
ALTER TABLE "alma_heuristics" ADD COLUMN "run_id" TEXT;
ALTER TABLE "alma_heuristics" ADD COLUMN "node_id" TEXT;

-- CreateIndex
CREATE INDEX "alma_heuristics_project_id_workflow_id_run_id_idx" ON "alma_heuristics"("project_id", "workflow_id", "run_id");

-- AlterTable
ALTER TABLE "alma_outcomes" ADD COLUMN "tenant_id" TEXT;
ALTER TABLE "alma_outcomes" ADD COLUMN "workflow_id" TEXT;
ALTER TABLE "alma_outcomes" ADD COLUMN "run_id" TEXT;
ALTER TABLE "alma_outcomes" ADD COLUMN "node_id" TEXT;

-- CreateIndex
CREATE INDEX "alma_outcomes_project_id_workflow_id_run_id_idx" ON "alma_outcomes"("project_id", "workflow_id", "run_id");

-- AlterTable
ALTER TABLE "alma_domain_knowledge" ADD COLUMN "tenant_id" TEXT;
ALTER TABLE "alma_domain_knowledge" ADD COLUMN "workflow_id" TEXT;
ALTER TABLE "alma_domain_knowledge" ADD COLUMN "run_id" TEXT;
ALTER TABLE "alma_domain_knowledge" ADD COLUMN "node_id" TEXT;

-- CreateIndex
CREATE INDEX "alma_domain_knowledge_project_id_workflow_id_run_id_idx" ON "alma_domain_knowledge"("project_id", "workflow_id", "run_id");

-- AlterTable
ALTER TABLE "alma_anti_patterns" ADD COLUMN "tenant_id" TEXT;
ALTER TABLE "alma_anti_patterns" ADD COLUMN "workflow_id" TEXT;
ALTER TABLE "alma_anti_patterns" ADD COLUMN "run_id" TEXT;
ALTER TABLE "alma_anti_patterns" ADD COLUMN "node_id" TEXT;

-- CreateIndex
CREATE INDEX "alma_anti_patterns_project_id_workflow_id_run_id_idx" ON "alma_anti_patterns"("project_id", "workflow_id", "run_id");

-- CreateTable
CREATE TABLE "alma_checkpoints" (
    "project_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL,
    "updated_at" DATETIME NOT NULL,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "embedding" BLOB,
    "run_id" TEXT NOT NULL,
    "node_id" TEXT NOT NULL,
    "branch_id" TEXT,
    "parent_checkpoint_id" TEXT,
    "sequence_number" BIGINT NOT NULL,
    "state" JSONB NOT NULL,
    "state_hash" TEXT NOT NULL,
    "search_text" TEXT NOT NULL DEFAULT '',

    PRIMARY KEY ("project_id", "id")
);

-- CreateIndex
CREATE INDEX "alma_checkpoints_project_id_run_id_sequence_number_idx" ON "alma_checkpoints"("project_id", "run_id", "sequence_number");

-- Full-text index (hand-written: FTS5 over search_text, kept in step by triggers)
CREATE VIRTUAL TABLE "alma_checkpoints_fts" USING fts5(search_text, content='alma_checkpoints', content_rowid='rowid', tokenize='unicode61 remove_diacritics 0');
CREATE TRIGGER "alma_checkpoints_fts_insert" AFTER INSERT ON "alma_checkpoints" BEGIN
  INSERT INTO "alma_checkpoints_fts"(rowid, search_text) VALUES (new.rowid, new.search_text);
END;
CREATE TRIGGER "alma_checkpoints_fts_delete" AFTER DELETE ON "alma_checkpoints" BEGIN
  INSERT INTO "alma_checkpoints_fts"("alma_checkpoints_fts", rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
END;
CREATE TRIGGER "alma_checkpoints_fts_update" AFTER UPDATE OF search_text ON "alma_checkpoints" BEGIN
  INSERT INTO "alma_checkpoints_fts"("alma_checkpoints_fts", rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
  INSERT INTO "alma_checkpoints_fts"(rowid, search_text) VALUES (new.rowid, new.search_text);
END;

-- CreateTable
CREATE TABLE "alma_workflow_outcomes" (
    "project_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL,
    "updated_at" DATETIME NOT NULL,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "embedding" BLOB,
    "agent" TEXT NOT NULL,
    "tenant_id" TEXT,
    "workflow_id" TEXT NOT NULL,
    "run_id" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "strategies_used" JSONB NOT NULL,
    "successful_patterns" JSONB NOT NULL,
    "failed_patterns" JSONB NOT NULL,
    "duration_seconds" REAL,
    "node_count" BIGINT,
    "error_message" TEXT,
    "timestamp" DATETIME NOT NULL,
    "search_text" TEXT NOT NULL DEFAULT '',

    PRIMARY KEY ("project_id", "id")
);

-- CreateIndex
CREATE INDEX "alma_workflow_outcomes_project_id_agent_workflow_id_idx" ON "alma_workflow_outcomes"("project_id", "agent", "workflow_id");

-- CreateIndex
CREATE INDEX "alma_workflow_outcomes_project_id_run_id_idx" ON "alma_workflow_outcomes"("project_id", "run_id");

-- Full-text index (hand-written: FTS5 over search_text, kept in step by triggers)
CREATE VIRTUAL TABLE "alma_workflow_outcomes_fts" USING fts5(search_text, content='alma_workflow_outcomes', content_rowid='rowid', tokenize='unicode61 remove_diacritics 0');
CREATE TRIGGER "alma_workflow_outcomes_fts_insert" AFTER INSERT ON "alma_workflow_outcomes" BEGIN
  INSERT INTO "alma_workflow_outcomes_fts"(rowid, search_text) VALUES (new.rowid, new.search_text);
END;
CREATE TRIGGER "alma_workflow_outcomes_fts_delete" AFTER DELETE ON "alma_workflow_outcomes" BEGIN
  INSERT INTO "alma_workflow_outcomes_fts"("alma_workflow_outcomes_fts", rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
END;
CREATE TRIGGER "alma_workflow_outcomes_fts_update" AFTER UPDATE OF search_text ON "alma_workflow_outcomes" BEGIN
  INSERT INTO "alma_workflow_outcomes_fts"("alma_workflow_outcomes_fts", rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
  INSERT INTO "alma_workflow_outcomes_fts"(rowid, search_text) VALUES (new.rowid, new.search_text);
END;

-- CreateTable
CREATE TABLE "alma_artifact_links" (
    "project_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL,
    "updated_at" DATETIME NOT NULL,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "embedding" BLOB,
    "memory_id" TEXT NOT NULL,
    "artifact_type" TEXT NOT NULL,
    "storage_url" TEXT NOT NULL,
    "filename" TEXT,
    "mime_type" TEXT,
    "size_bytes" BIGINT,
    "checksum" TEXT,
    "search_text" TEXT NOT NULL DEFAULT '',

    PRIMARY KEY ("project_id", "id")
);

-- CreateIndex
CREATE INDEX "alma_artifact_links_project_id_memory_id_idx" ON "alma_artifact_links"("project_id", "memory_id");

-- Full-text index (hand-written: FTS5 over search_text, kept in step by triggers)
CREATE VIRTUAL TABLE "alma_artifact_links_fts" USING fts5(search_text, content='alma_artifact_links', content_rowid='rowid', tokenize='unicode61 remove_diacritics 0');
CREATE TRIGGER "alma_artifact_links_fts_insert" AFTER INSERT ON "alma_artifact_links" BEGIN
  INSERT INTO "alma_artifact_links_fts"(rowid, search_text) VALUES (new.rowid, new.search_text);
END;
CREATE TRIGGER "alma_artifact_links_fts_delete" AFTER DELETE ON "alma_artifact_links" BEGIN
  INSERT INTO "alma_artifact_links_fts"("alma_artifact_links_fts", rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
END;
CREATE TRIGGER "alma_artifact_links_fts_update" AFTER UPDATE OF search_text ON "alma_artifact_links" BEGIN
  INSERT INTO "alma_artifact_links_fts"("alma_artifact_links_fts", rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
  INSERT INTO "alma_artifact_links_fts"(rowid, search_text) VALUES (new.rowid, new.search_text);
END;

-- CreateTable
CREATE TABLE "alma_archived_memories" (
    "project_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL,
    "updated_at" DATETIME NOT NULL,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "embedding" BLOB,
    "original_kind" TEXT NOT NULL,
    "original_id" TEXT NOT NULL,
    "agent" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "merged_into" TEXT,
    "record" JSONB NOT NULL,
    "archived_at" DATETIME NOT NULL,
    "search_text" TEXT NOT NULL DEFAULT '',

    PRIMARY KEY ("project_id", "id")
);

-- CreateIndex
CREATE INDEX "alma_archived_memories_project_id_agent_original_kind_idx" ON "alma_archived_memories"("project_id", "agent", "original_kind");

-- CreateIndex
CREATE INDEX "alma_archived_memories_project_id_original_id_idx" ON "alma_archived_memories"("project_id", "original_id");

-- Full-text index (hand-written: FTS5 over search_text, kept in step by triggers)
CREATE VIRTUAL TABLE "alma_archived_memories_fts" USING fts5(search_text, content='alma_archived_memories', content_rowid='rowid', tokenize='unicode61 remove_diacritics 0');
CREATE TRIGGER "alma_archived_memories_fts_insert" AFTER INSERT ON "alma_archived_memories" BEGIN
  INSERT INTO "alma_archived_memories_fts"(rowid, search_text) VALUES (new.rowid, new.search_text);
END;
CREATE TRIGGER "alma_archived_memories_fts_delete" AFTER DELETE ON "alma_archived_memories" BEGIN
  INSERT INTO "alma_archived_memories_fts"("alma_archived_memories_fts", rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
END;
CREATE TRIGGER "alma_archived_memories_fts_update" AFTER UPDATE OF search_text ON "alma_archived_memories" BEGIN
  INSERT INTO "alma_archived_memories_fts"("alma_archived_memories_fts", rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
  INSERT INTO "alma_archived_memories_fts"(rowid, search_text) VALUES (new.rowid, new.search_text);
END;
