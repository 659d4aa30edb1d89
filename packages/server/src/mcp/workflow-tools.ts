import { performance } from 'node:perf_hooks';
import {
  type ConsolidatedKind,
  RETRIEVAL_SCOPES,
  STATE_REDUCERS,
  scopeFilterOf,
  WORKFLOW_RESULTS,
} from '@alma/engine';
import { z } from 'zod';
import { assertMayReadEveryAgent, projectOfCall } from '../http/access-grant.js';
import { originalSlice } from './original-shapes.js';
import { projectArgument, type ToolDefinition, text, tool } from './tool-definition.js';

const jsonObject = z.record(z.string(), z.unknown());
const optionalKey = (description: string) => z.string().min(1).optional().describe(description);

/** The original's memory type names for consolidation. */
const CONSOLIDATION_TYPES = {
  heuristics: 'heuristic',
  domain_knowledge: 'domainKnowledge',
  anti_patterns: 'antiPattern',
} as const satisfies Record<string, ConsolidatedKind>;

/** The original's workflow tools (its v1.1.0), with its names, arguments, defaults and result shapes. */
export const WORKFLOW_TOOLS: readonly ToolDefinition[] = [
  tool({
    name: 'alma_consolidate',
    description:
      'Consolidate similar memories to reduce redundancy: groups near-duplicates by cosine similarity and merges each group into one, archiving the rest (dry_run previews).',
    input: z.strictObject({
      agent: text('Agent whose memories to consolidate'),
      memory_type: z
        .enum(['heuristics', 'domain_knowledge', 'anti_patterns', 'outcomes'])
        .default('heuristics')
        .describe('Type of memory to consolidate (outcomes are history and are never merged)'),
      similarity_threshold: z
        .number()
        .min(0)
        .max(1)
        .default(0.85)
        .describe('Minimum cosine similarity to group (0.0 to 1.0); higher is more conservative'),
      dry_run: z
        .boolean()
        .default(true)
        .describe('If true, report what would be merged without changing anything'),
      ...projectArgument,
    }),
    async run(args, context) {
      const engine = context.engines.engineFor(projectOfCall(context.grant, args.project_id), [args.agent]);
      const kind =
        args.memory_type === 'outcomes' ? ('outcome' as never) : CONSOLIDATION_TYPES[args.memory_type];
      const report = await engine.consolidate({
        agent: args.agent,
        kind,
        similarityThreshold: args.similarity_threshold,
        dryRun: args.dry_run,
      });
      return {
        success: true,
        dry_run: report.dryRun,
        merged_count: report.mergedCount,
        groups_found: report.groups.length,
        memories_processed: report.memoriesProcessed,
        merge_details: report.groups.map((group) => ({
          kept_id: group.keptId,
          merged_ids: group.mergedIds,
          similarity: group.similarity,
        })),
        errors: [],
        message: `${report.dryRun ? 'Would merge' : 'Merged'} ${report.mergedCount} memories from ${report.groups.length} similar groups (processed ${report.memoriesProcessed} total)`,
      };
    },
  }),
  tool({
    name: 'alma_checkpoint',
    description: 'Create a checkpoint of workflow state for crash recovery.',
    input: z.strictObject({
      run_id: text('The workflow run identifier'),
      node_id: text('The node creating this checkpoint'),
      state: jsonObject.describe('The state to persist'),
      branch_id: optionalKey('Branch identifier for parallel execution'),
      parent_checkpoint_id: optionalKey('Previous checkpoint in the chain (default: the branch’s latest)'),
      metadata: jsonObject.optional().describe('Additional checkpoint metadata'),
      skip_if_unchanged: z.boolean().default(true).describe('Skip if the state has not changed'),
      ...projectArgument,
    }),
    async run(args, context) {
      const engine = context.engines.engineFor(projectOfCall(context.grant, args.project_id));
      const result = await engine.checkpoint({
        runId: args.run_id,
        nodeId: args.node_id,
        state: args.state,
        branchId: args.branch_id ?? null,
        parentCheckpointId: args.parent_checkpoint_id ?? null,
        metadata: args.metadata,
        skipIfUnchanged: args.skip_if_unchanged,
      });
      if (result.skipped)
        return { success: true, skipped: true, message: 'Checkpoint skipped - state unchanged' };
      const checkpoint = result.checkpoint;
      return {
        success: true,
        checkpoint: {
          id: checkpoint.id,
          run_id: checkpoint.runId,
          node_id: checkpoint.nodeId,
          sequence_number: checkpoint.sequenceNumber,
          branch_id: checkpoint.branchId,
          state_hash: checkpoint.stateHash,
          created_at: checkpoint.createdAt.toISOString(),
        },
      };
    },
  }),
  tool({
    name: 'alma_resume',
    description: 'Get the checkpoint to resume a workflow run from after a crash.',
    input: z.strictObject({
      run_id: text('The workflow run identifier'),
      branch_id: optionalKey('Branch to resume'),
      ...projectArgument,
    }),
    async run(args, context) {
      const engine = context.engines.engineFor(projectOfCall(context.grant, args.project_id));
      const checkpoint = await engine.resumePoint(args.run_id, args.branch_id ?? null);
      if (checkpoint === null) {
        return { success: true, checkpoint: null, message: 'No checkpoint found for this run' };
      }
      return {
        success: true,
        checkpoint: {
          id: checkpoint.id,
          run_id: checkpoint.runId,
          node_id: checkpoint.nodeId,
          state: checkpoint.state,
          sequence_number: checkpoint.sequenceNumber,
          branch_id: checkpoint.branchId,
          parent_checkpoint_id: checkpoint.parentCheckpointId,
          created_at: checkpoint.createdAt.toISOString(),
        },
      };
    },
  }),
  tool({
    name: 'alma_merge_states',
    description: `Merge the states of parallel branches. Reducers per key: ${STATE_REDUCERS.join(', ')} (default last_value).`,
    input: z.strictObject({
      states: z.array(jsonObject).describe('State objects from parallel branches, in order'),
      reducer_config: z
        .record(z.string(), z.enum(STATE_REDUCERS))
        .optional()
        .describe('Reducer per state key'),
      ...projectArgument,
    }),
    async run(args, context) {
      const engine = context.engines.engineFor(projectOfCall(context.grant, args.project_id));
      if (args.states.length === 0) return { success: true, merged_state: {} };
      return {
        success: true,
        merged_state: engine.mergeStates(args.states, args.reducer_config),
        input_count: args.states.length,
      };
    },
  }),
  tool({
    name: 'alma_workflow_learn',
    description: 'Record how a workflow run ended and learn from it, like from a task outcome.',
    input: z.strictObject({
      agent: text('The agent that executed the workflow'),
      workflow_id: text('The workflow definition that was executed'),
      run_id: text('The run this outcome is from (one outcome per run)'),
      result: z.enum(WORKFLOW_RESULTS).describe(`Result status: ${WORKFLOW_RESULTS.join(', ')}`),
      summary: text('Human-readable summary of what happened'),
      strategies_used: z.array(z.string()).optional().describe('Strategies or approaches attempted'),
      successful_patterns: z.array(z.string()).optional().describe('Patterns that worked well'),
      failed_patterns: z.array(z.string()).optional().describe('Patterns that did not work'),
      duration_seconds: z.number().min(0).optional().describe('How long the workflow took'),
      node_count: z.number().int().min(0).optional().describe('Number of nodes executed'),
      error_message: z.string().optional().describe('Error details if failed'),
      tenant_id: optionalKey('Multi-tenant isolation identifier'),
      metadata: jsonObject.optional().describe('Additional outcome metadata'),
      ...projectArgument,
    }),
    async run(args, context) {
      const engine = context.engines.engineFor(projectOfCall(context.grant, args.project_id), [args.agent]);
      const { workflowOutcome } = await engine.learnFromWorkflow({
        agent: args.agent,
        workflowId: args.workflow_id,
        runId: args.run_id,
        result: args.result,
        summary: args.summary,
        strategiesUsed: args.strategies_used,
        successfulPatterns: args.successful_patterns,
        failedPatterns: args.failed_patterns,
        durationSeconds: args.duration_seconds ?? null,
        nodeCount: args.node_count ?? null,
        errorMessage: args.error_message ?? null,
        tenantId: args.tenant_id ?? null,
        metadata: args.metadata,
      });
      return {
        success: true,
        outcome: {
          id: workflowOutcome.id,
          workflow_id: workflowOutcome.workflowId,
          run_id: workflowOutcome.runId,
          result: workflowOutcome.result,
          agent: workflowOutcome.agent,
          created_at: workflowOutcome.createdAt.toISOString(),
        },
        message: 'Workflow outcome recorded successfully',
      };
    },
  }),
  tool({
    name: 'alma_link_artifact',
    description: 'Link an external artifact (screenshot, log, report, file) to a memory.',
    input: z.strictObject({
      memory_id: text('The memory to link the artifact to'),
      artifact_type: text('Type (screenshot, log, report, file, …)'),
      storage_url: text('URL or path of the artifact in storage'),
      filename: z.string().optional().describe('Original filename'),
      mime_type: optionalKey('MIME type'),
      size_bytes: z.number().int().min(0).optional().describe('Size in bytes'),
      checksum: optionalKey('SHA-256 checksum for integrity'),
      metadata: jsonObject.optional().describe('Additional artifact metadata'),
      ...projectArgument,
    }),
    async run(args, context) {
      const engine = context.engines.engineFor(projectOfCall(context.grant, args.project_id));
      const artifact = await engine.linkArtifact({
        memoryId: args.memory_id,
        artifactType: args.artifact_type,
        storageUrl: args.storage_url,
        filename: args.filename ?? null,
        mimeType: args.mime_type ?? null,
        sizeBytes: args.size_bytes ?? null,
        checksum: args.checksum ?? null,
        metadata: args.metadata,
      });
      return {
        success: true,
        artifact: {
          id: artifact.id,
          memory_id: artifact.memoryId,
          artifact_type: artifact.artifactType,
          storage_url: artifact.storageUrl,
          filename: artifact.filename,
          created_at: artifact.createdAt.toISOString(),
        },
      };
    },
  }),
  tool({
    name: 'alma_get_artifacts',
    description: 'Get all artifacts linked to a memory.',
    input: z.strictObject({ memory_id: text('The memory to get artifacts for'), ...projectArgument }),
    async run(args, context) {
      const engine = context.engines.engineFor(projectOfCall(context.grant, args.project_id));
      const artifacts = await engine.artifactsOf(args.memory_id);
      return {
        success: true,
        artifacts: artifacts.map((artifact) => ({
          id: artifact.id,
          artifact_type: artifact.artifactType,
          storage_url: artifact.storageUrl,
          filename: artifact.filename,
          mime_type: artifact.mimeType,
          size_bytes: artifact.sizeBytes,
          created_at: artifact.createdAt.toISOString(),
        })),
        count: artifacts.length,
      };
    },
  }),
  tool({
    name: 'alma_cleanup_checkpoints',
    description: 'Clean up old checkpoints of a completed run, keeping the latest ones.',
    input: z.strictObject({
      run_id: text('The workflow run identifier'),
      keep_latest: z.number().int().min(0).default(1).describe('Number of latest checkpoints to keep'),
      ...projectArgument,
    }),
    async run(args, context) {
      const engine = context.engines.engineFor(projectOfCall(context.grant, args.project_id));
      const count = await engine.cleanupCheckpoints(args.run_id, args.keep_latest);
      return {
        success: true,
        deleted_count: count,
        kept: args.keep_latest,
        message: `Deleted ${count} checkpoints, kept ${args.keep_latest}`,
      };
    },
  }),
  tool({
    name: 'alma_retrieve_scoped',
    description: `Retrieve memories within a workflow scope. Scopes, narrowest first: ${RETRIEVAL_SCOPES.join(', ')} (global: admin keys and the local operator only).`,
    input: z.strictObject({
      task: text('Description of the task to perform'),
      agent: text('Name of the agent requesting memories'),
      scope: z.enum(RETRIEVAL_SCOPES).default('agent').describe('Scope level'),
      tenant_id: optionalKey('Tenant identifier'),
      workflow_id: optionalKey('Workflow definition identifier'),
      run_id: optionalKey('Run identifier'),
      node_id: optionalKey('Current node identifier'),
      user_id: optionalKey('User ID for preferences'),
      top_k: z.number().int().min(1).max(100).default(5).describe('Maximum items per memory type'),
      ...projectArgument,
    }),
    async run(args, context) {
      if (args.scope === 'global') assertMayReadEveryAgent(context.grant);
      const engine = context.engines.engineFor(projectOfCall(context.grant, args.project_id), [args.agent]);
      const scopeContext = {
        tenantId: args.tenant_id ?? null,
        workflowId: args.workflow_id ?? null,
        runId: args.run_id ?? null,
        nodeId: args.node_id ?? null,
      };
      const started = performance.now();
      const slice = await engine.retrieve(args.task, args.agent, {
        topK: args.top_k,
        scope: { level: args.scope, context: scopeContext },
        ...(args.user_id === undefined ? {} : { userId: args.user_id }),
      });
      const took = Math.round((performance.now() - started) * 100) / 100;
      const filter = scopeFilterOf(args.scope, scopeContext).where;
      return {
        success: true,
        memories: originalSlice(slice, took),
        prompt_injection: engine.renderPrompt(slice),
        scope: args.scope,
        scope_filter: Object.fromEntries(
          Object.entries(filter).map(([field, value]) => [
            field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
            value,
          ]),
        ),
      };
    },
  }),
];
