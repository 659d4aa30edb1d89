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
    "id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "embedding" vector,
    "run_id" TEXT NOT NULL,
    "node_id" TEXT NOT NULL,
    "branch_id" TEXT,
    "parent_checkpoint_id" TEXT,
    "sequence_number" BIGINT NOT NULL,
    "state" JSONB NOT NULL,
    "state_hash" TEXT NOT NULL,
    "search_text" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "alma_checkpoints_pkey" PRIMARY KEY ("project_id","id")
);

-- CreateIndex
CREATE INDEX "alma_checkpoints_project_id_run_id_sequence_number_idx" ON "alma_checkpoints"("project_id", "run_id", "sequence_number");

-- Full-text index (hand-written: Prisma cannot express generated tsvector columns)
ALTER TABLE "alma_checkpoints" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('simple', "search_text")) STORED;
CREATE INDEX "alma_checkpoints_search_vector_idx" ON "alma_checkpoints" USING GIN ("search_vector");

-- CreateTable
CREATE TABLE "alma_workflow_outcomes" (
    "project_id" TEXT NOT NULL,
    "id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "embedding" vector,
    "agent" TEXT NOT NULL,
    "tenant_id" TEXT,
    "workflow_id" TEXT NOT NULL,
    "run_id" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "strategies_used" JSONB NOT NULL,
    "successful_patterns" JSONB NOT NULL,
    "failed_patterns" JSONB NOT NULL,
    "duration_seconds" DOUBLE PRECISION,
    "node_count" BIGINT,
    "error_message" TEXT,
    "timestamp" TIMESTAMPTZ(3) NOT NULL,
    "search_text" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "alma_workflow_outcomes_pkey" PRIMARY KEY ("project_id","id")
);

-- CreateIndex
CREATE INDEX "alma_workflow_outcomes_project_id_agent_workflow_id_idx" ON "alma_workflow_outcomes"("project_id", "agent", "workflow_id");

-- CreateIndex
CREATE INDEX "alma_workflow_outcomes_project_id_run_id_idx" ON "alma_workflow_outcomes"("project_id", "run_id");

-- Full-text index (hand-written: Prisma cannot express generated tsvector columns)
ALTER TABLE "alma_workflow_outcomes" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('simple', "search_text")) STORED;
CREATE INDEX "alma_workflow_outcomes_search_vector_idx" ON "alma_workflow_outcomes" USING GIN ("search_vector");

-- CreateTable
CREATE TABLE "alma_artifact_links" (
    "project_id" TEXT NOT NULL,
    "id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "embedding" vector,
    "memory_id" TEXT NOT NULL,
    "artifact_type" TEXT NOT NULL,
    "storage_url" TEXT NOT NULL,
    "filename" TEXT,
    "mime_type" TEXT,
    "size_bytes" BIGINT,
    "checksum" TEXT,
    "search_text" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "alma_artifact_links_pkey" PRIMARY KEY ("project_id","id")
);

-- CreateIndex
CREATE INDEX "alma_artifact_links_project_id_memory_id_idx" ON "alma_artifact_links"("project_id", "memory_id");

-- Full-text index (hand-written: Prisma cannot express generated tsvector columns)
ALTER TABLE "alma_artifact_links" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('simple', "search_text")) STORED;
CREATE INDEX "alma_artifact_links_search_vector_idx" ON "alma_artifact_links" USING GIN ("search_vector");

-- CreateTable
CREATE TABLE "alma_archived_memories" (
    "project_id" TEXT NOT NULL,
    "id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "embedding" vector,
    "original_kind" TEXT NOT NULL,
    "original_id" TEXT NOT NULL,
    "agent" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "merged_into" TEXT,
    "record" JSONB NOT NULL,
    "archived_at" TIMESTAMPTZ(3) NOT NULL,
    "search_text" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "alma_archived_memories_pkey" PRIMARY KEY ("project_id","id")
);

-- CreateIndex
CREATE INDEX "alma_archived_memories_project_id_agent_original_kind_idx" ON "alma_archived_memories"("project_id", "agent", "original_kind");

-- CreateIndex
CREATE INDEX "alma_archived_memories_project_id_original_id_idx" ON "alma_archived_memories"("project_id", "original_id");

-- Full-text index (hand-written: Prisma cannot express generated tsvector columns)
ALTER TABLE "alma_archived_memories" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('simple', "search_text")) STORED;
CREATE INDEX "alma_archived_memories_search_vector_idx" ON "alma_archived_memories" USING GIN ("search_vector");
