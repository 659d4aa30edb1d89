import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { projectOfCall } from '../http/access-grant.js';
import { originalSlice, originalStats } from './original-shapes.js';
import { projectArgument, type ToolDefinition, text, tool } from './tool-definition.js';
import { WORKFLOW_TOOLS } from './workflow-tools.js';

/** The original server's memory tools, with the same names, arguments, defaults and result shapes. */
const MEMORY_TOOLS: readonly ToolDefinition[] = [
  tool({
    name: 'alma_retrieve',
    description:
      'Retrieve relevant memories for a task. Returns heuristics, domain knowledge, anti-patterns, and user preferences.',
    input: z.strictObject({
      task: text('Description of the task to perform'),
      agent: text("Name of the agent requesting memories (e.g., 'helena', 'victor')"),
      user_id: z.string().min(1).optional().describe('Optional user ID for preference retrieval'),
      top_k: z
        .number()
        .int()
        .min(1)
        .max(100)
        .default(5)
        .describe('Maximum items per memory type (default: 5)'),
      ...projectArgument,
    }),
    async run(args, context) {
      const engine = context.engines.engineFor(projectOfCall(context.grant, args.project_id), [args.agent]);
      const started = performance.now();
      const slice = await engine.retrieve(args.task, args.agent, {
        topK: args.top_k,
        ...(args.user_id === undefined ? {} : { userId: args.user_id }),
      });
      const took = Math.round((performance.now() - started) * 100) / 100;
      return {
        success: true,
        memories: originalSlice(slice, took),
        prompt_injection: engine.renderPrompt(slice),
      };
    },
  }),
  tool({
    name: 'alma_learn',
    description:
      'Record a task outcome for learning. Use after completing a task to help improve future performance.',
    input: z.strictObject({
      agent: text('Name of the agent that executed the task'),
      task: text('Description of the task'),
      outcome: z.enum(['success', 'failure']).describe('Whether the task succeeded or failed'),
      strategy_used: text('What approach was taken'),
      task_type: z.string().min(1).default('general').describe('Category of task (for grouping)'),
      duration_ms: z.number().int().min(0).optional().describe('How long the task took in milliseconds'),
      error_message: z.string().optional().describe('Error details if failed'),
      feedback: z.string().optional().describe('User feedback if provided'),
      ...projectArgument,
    }),
    async run(args, context) {
      const engine = context.engines.engineFor(projectOfCall(context.grant, args.project_id), [args.agent]);
      const result = await engine.learn({
        agent: args.agent,
        taskType: args.task_type,
        taskDescription: args.task,
        success: args.outcome === 'success',
        strategyUsed: args.strategy_used,
        durationMs: args.duration_ms ?? null,
        errorMessage: args.error_message ?? null,
        userFeedback: args.feedback ?? null,
      });
      const lesson = (change: { action: string; record: { id: string } } | null) =>
        change && { action: change.action, id: change.record.id };
      return {
        success: true,
        learned: true,
        outcome: {
          id: result.outcome.id,
          agent: result.outcome.agent,
          task_type: result.outcome.taskType,
          success: result.outcome.success,
        },
        heuristic: lesson(result.heuristic),
        anti_pattern: lesson(result.antiPattern),
        message: 'Outcome recorded successfully',
      };
    },
  }),
  tool({
    name: 'alma_add_preference',
    description: 'Add a user preference to memory. Preferences persist across sessions.',
    input: z.strictObject({
      user_id: text('User identifier'),
      category: text('Category (communication, code_style, workflow)'),
      preference: text('The preference text'),
      source: z
        .string()
        .min(1)
        .default('explicit_instruction')
        .describe('How this was learned (default: explicit_instruction)'),
      ...projectArgument,
    }),
    async run(args, context) {
      const engine = context.engines.engineFor(projectOfCall(context.grant, args.project_id));
      const saved = await engine.addPreference({
        userId: args.user_id,
        category: args.category,
        preference: args.preference,
        source: args.source,
      });
      return {
        success: true,
        preference: {
          id: saved.id,
          user_id: saved.userId,
          category: saved.category,
          preference: saved.preference,
          source: saved.source,
        },
      };
    },
  }),
  tool({
    name: 'alma_add_knowledge',
    description: "Add domain knowledge within agent's scope. Knowledge is facts, not strategies.",
    input: z.strictObject({
      agent: text('Agent this knowledge belongs to'),
      domain: text('Knowledge domain'),
      fact: text('The fact to remember'),
      source: z
        .string()
        .min(1)
        .default('user_stated')
        .describe('How this was learned (default: user_stated)'),
      ...projectArgument,
    }),
    async run(args, context) {
      const engine = context.engines.engineFor(projectOfCall(context.grant, args.project_id), [args.agent]);
      const saved = await engine.addKnowledge({
        agent: args.agent,
        domain: args.domain,
        fact: args.fact,
        source: args.source,
      });
      return {
        success: true,
        knowledge: {
          id: saved.id,
          agent: saved.agent,
          domain: saved.domain,
          fact: saved.fact,
          source: saved.source,
        },
      };
    },
  }),
  tool({
    name: 'alma_forget',
    description: 'Prune stale or low-confidence memories to keep the system clean.',
    input: z.strictObject({
      agent: z.string().min(1).optional().describe('Specific agent to prune, or omit for all'),
      older_than_days: z
        .number()
        .positive()
        .max(36_500)
        .default(90)
        .describe('Remove outcomes older than this (default: 90)'),
      below_confidence: z
        .number()
        .min(0)
        .max(1)
        .default(0.3)
        .describe('Remove heuristics below this confidence (default: 0.3)'),
      ...projectArgument,
    }),
    async run(args, context) {
      const engine = context.engines.engineFor(projectOfCall(context.grant, args.project_id), [args.agent]);
      const report = await engine.forget({
        outcomesOlderThanDays: args.older_than_days,
        heuristicsBelowConfidence: args.below_confidence,
        ...(args.agent === undefined ? {} : { agent: args.agent }),
      });
      return {
        success: true,
        pruned_count: report.total,
        pruned: { outcomes: report.outcomes, heuristics: report.heuristics },
        message: `Pruned ${report.total} stale or low-confidence memories`,
      };
    },
  }),
  tool({
    name: 'alma_stats',
    description: 'Get memory statistics for monitoring and debugging.',
    input: z.strictObject({
      agent: z.string().min(1).optional().describe('Specific agent or omit for all'),
      ...projectArgument,
    }),
    async run(args, context) {
      const engine = context.engines.engineFor(projectOfCall(context.grant, args.project_id), [args.agent]);
      const stats = await engine.stats(args.agent === undefined ? {} : { agent: args.agent });
      return {
        success: true,
        stats: originalStats(stats, args.agent === undefined ? {} : { agent: args.agent }),
      };
    },
  }),
  tool({
    name: 'alma_health',
    description: 'Health check for the ALMA server.',
    input: z.strictObject({ ...projectArgument }),
    async run(args, context) {
      const engine = context.engines.engineFor(projectOfCall(context.grant, args.project_id));
      const stats = await engine.stats();
      return {
        success: true,
        status: 'healthy',
        project_id: stats.projectId,
        total_memories: stats.total,
        registered_agents: Object.keys(engine.config.agents),
        timestamp: new Date().toISOString(),
      };
    },
  }),
];

/** All 16 of the original's tools, in its order: the memory tools, then the workflow layer's. */
export const TOOLS: readonly ToolDefinition[] = [...MEMORY_TOOLS, ...WORKFLOW_TOOLS];

/** A tool's input as JSON Schema, for `tools/list`: zod's own conversion, input side (defaults shown). */
export function toolInputSchema(definition: ToolDefinition): { type: 'object'; [key: string]: unknown } {
  const { $schema: _, ...schema } = z.toJSONSchema(definition.input, { io: 'input' }) as Record<
    string,
    unknown
  >;
  return { ...schema, type: 'object' };
}
