-- CreateTable
CREATE TABLE "alma_heuristics" (
    "project_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL,
    "updated_at" DATETIME NOT NULL,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "embedding" BLOB,
    "agent" TEXT NOT NULL,
    "condition" TEXT NOT NULL,
    "strategy" TEXT NOT NULL,
    "confidence" REAL NOT NULL,
    "occurrence_count" BIGINT NOT NULL,
    "success_count" BIGINT NOT NULL,
    "last_validated" DATETIME NOT NULL,

    PRIMARY KEY ("project_id", "id")
);

-- CreateTable
CREATE TABLE "alma_outcomes" (
    "project_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL,
    "updated_at" DATETIME NOT NULL,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "embedding" BLOB,
    "agent" TEXT NOT NULL,
    "task_type" TEXT NOT NULL,
    "task_description" TEXT NOT NULL,
    "success" BOOLEAN NOT NULL,
    "strategy_used" TEXT NOT NULL,
    "duration_ms" BIGINT,
    "error_message" TEXT,
    "user_feedback" TEXT,
    "timestamp" DATETIME NOT NULL,

    PRIMARY KEY ("project_id", "id")
);

-- CreateTable
CREATE TABLE "alma_preferences" (
    "project_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL,
    "updated_at" DATETIME NOT NULL,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "embedding" BLOB,
    "user_id" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "preference" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "confidence" REAL NOT NULL,

    PRIMARY KEY ("project_id", "id")
);

-- CreateTable
CREATE TABLE "alma_domain_knowledge" (
    "project_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL,
    "updated_at" DATETIME NOT NULL,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "embedding" BLOB,
    "agent" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "fact" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "confidence" REAL NOT NULL,
    "last_verified" DATETIME NOT NULL,

    PRIMARY KEY ("project_id", "id")
);

-- CreateTable
CREATE TABLE "alma_anti_patterns" (
    "project_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL,
    "updated_at" DATETIME NOT NULL,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "embedding" BLOB,
    "agent" TEXT NOT NULL,
    "pattern" TEXT NOT NULL,
    "why_bad" TEXT NOT NULL,
    "better_alternative" TEXT NOT NULL,
    "occurrence_count" BIGINT NOT NULL,
    "last_seen" DATETIME NOT NULL,

    PRIMARY KEY ("project_id", "id")
);

-- CreateTable
CREATE TABLE "alma_meta" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" JSONB NOT NULL
);

-- CreateTable
CREATE TABLE "alma_vector_outbox" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "op" TEXT NOT NULL,
    "refs" JSONB NOT NULL
);

-- CreateIndex
CREATE INDEX "alma_heuristics_project_id_agent_idx" ON "alma_heuristics"("project_id", "agent");

-- CreateIndex
CREATE INDEX "alma_heuristics_project_id_confidence_idx" ON "alma_heuristics"("project_id", "confidence");

-- CreateIndex
CREATE INDEX "alma_outcomes_project_id_agent_task_type_idx" ON "alma_outcomes"("project_id", "agent", "task_type");

-- CreateIndex
CREATE INDEX "alma_outcomes_project_id_timestamp_idx" ON "alma_outcomes"("project_id", "timestamp");

-- CreateIndex
CREATE INDEX "alma_preferences_project_id_user_id_category_idx" ON "alma_preferences"("project_id", "user_id", "category");

-- CreateIndex
CREATE INDEX "alma_domain_knowledge_project_id_agent_domain_idx" ON "alma_domain_knowledge"("project_id", "agent", "domain");

-- CreateIndex
CREATE INDEX "alma_domain_knowledge_project_id_last_verified_idx" ON "alma_domain_knowledge"("project_id", "last_verified");

-- CreateIndex
CREATE INDEX "alma_anti_patterns_project_id_agent_idx" ON "alma_anti_patterns"("project_id", "agent");

-- CreateIndex
CREATE INDEX "alma_anti_patterns_project_id_last_seen_idx" ON "alma_anti_patterns"("project_id", "last_seen");
