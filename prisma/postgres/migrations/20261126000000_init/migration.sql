-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "vector";

-- CreateTable
CREATE TABLE "alma_heuristics" (
    "project_id" TEXT NOT NULL,
    "id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "embedding" vector,
    "agent" TEXT NOT NULL,
    "condition" TEXT NOT NULL,
    "strategy" TEXT NOT NULL,
    "confidence" DOUBLE PRECISION NOT NULL,
    "occurrence_count" BIGINT NOT NULL,
    "success_count" BIGINT NOT NULL,
    "last_validated" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "alma_heuristics_pkey" PRIMARY KEY ("project_id","id")
);

-- CreateTable
CREATE TABLE "alma_outcomes" (
    "project_id" TEXT NOT NULL,
    "id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "embedding" vector,
    "agent" TEXT NOT NULL,
    "task_type" TEXT NOT NULL,
    "task_description" TEXT NOT NULL,
    "success" BOOLEAN NOT NULL,
    "strategy_used" TEXT NOT NULL,
    "duration_ms" BIGINT,
    "error_message" TEXT,
    "user_feedback" TEXT,
    "timestamp" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "alma_outcomes_pkey" PRIMARY KEY ("project_id","id")
);

-- CreateTable
CREATE TABLE "alma_preferences" (
    "project_id" TEXT NOT NULL,
    "id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "embedding" vector,
    "user_id" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "preference" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "confidence" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "alma_preferences_pkey" PRIMARY KEY ("project_id","id")
);

-- CreateTable
CREATE TABLE "alma_domain_knowledge" (
    "project_id" TEXT NOT NULL,
    "id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "embedding" vector,
    "agent" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "fact" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "confidence" DOUBLE PRECISION NOT NULL,
    "last_verified" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "alma_domain_knowledge_pkey" PRIMARY KEY ("project_id","id")
);

-- CreateTable
CREATE TABLE "alma_anti_patterns" (
    "project_id" TEXT NOT NULL,
    "id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "embedding" vector,
    "agent" TEXT NOT NULL,
    "pattern" TEXT NOT NULL,
    "why_bad" TEXT NOT NULL,
    "better_alternative" TEXT NOT NULL,
    "occurrence_count" BIGINT NOT NULL,
    "last_seen" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "alma_anti_patterns_pkey" PRIMARY KEY ("project_id","id")
);

-- CreateTable
CREATE TABLE "alma_meta" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,

    CONSTRAINT "alma_meta_pkey" PRIMARY KEY ("key")
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
