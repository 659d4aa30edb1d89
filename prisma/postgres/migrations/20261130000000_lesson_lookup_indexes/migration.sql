-- Learning reads two things per outcome: the agent's latest outcomes of one task type, and its
-- lessons (heuristics, anti-patterns) about that task type. Both scanned every row of the agent.

-- The latest outcomes of (agent, task type) in the order they are read: newest first, ids break ties.
DROP INDEX "alma_outcomes_project_id_agent_task_type_idx";
CREATE INDEX "alma_outcomes_project_id_agent_task_type_timestamp_id_idx" ON "alma_outcomes"("project_id", "agent", "task_type", "timestamp", "id");

-- Lessons by task type, in id order (hand-written: an expression index on the metadata key the engine files them
-- under; the store writes the same expression, key as a literal, so the planner can use it).
CREATE INDEX "alma_heuristics_lesson_task_type_idx" ON "alma_heuristics"("project_id", "agent", ("metadata" -> 'taskType'), "id");
CREATE INDEX "alma_anti_patterns_lesson_task_type_idx" ON "alma_anti_patterns"("project_id", "agent", ("metadata" -> 'taskType'), "id");
