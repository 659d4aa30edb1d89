import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { expect } from 'vitest';

/** The original's 16 tools, in its order: the memory tools, then the workflow layer's. */
export const TOOL_NAMES = [
  'alma_retrieve',
  'alma_learn',
  'alma_add_preference',
  'alma_add_knowledge',
  'alma_forget',
  'alma_stats',
  'alma_health',
  'alma_consolidate',
  'alma_checkpoint',
  'alma_resume',
  'alma_merge_states',
  'alma_workflow_learn',
  'alma_link_artifact',
  'alma_get_artifacts',
  'alma_cleanup_checkpoints',
  'alma_retrieve_scoped',
];

/** A tool's JSON text result, parsed. */
export async function callJson(
  client: Client,
  name: string,
  args: Record<string, unknown>,
): Promise<{ isError: boolean; json: Record<string, unknown> }> {
  const result = await client.callTool({ name, arguments: args });
  const [first] = result.content as { type: string; text: string }[];
  expect(first?.type).toBe('text');
  return { isError: result.isError === true, json: JSON.parse(first!.text) };
}

/** Lists the tools and calls every one of them, checking the original's result shapes. */
export async function exerciseEveryTool(client: Client, extra: Record<string, unknown> = {}): Promise<void> {
  const { tools } = await client.listTools();
  expect(tools.map((tool) => tool.name).sort()).toEqual([...TOOL_NAMES].sort());
  const retrieveTool = tools.find((tool) => tool.name === 'alma_retrieve');
  expect(retrieveTool?.inputSchema).toMatchObject({ type: 'object', required: ['task', 'agent'] });
  expect(retrieveTool?.inputSchema.properties).toHaveProperty('top_k');

  for (let i = 0; i < 3; i++) {
    const learnt = await callJson(client, 'alma_learn', {
      agent: 'helena',
      task: `write the login form test ${i}`,
      outcome: 'success',
      strategy_used: 'test the happy path first, then each validation rule',
      task_type: 'testing',
      duration_ms: 1_200,
      ...extra,
    });
    expect(learnt).toMatchObject({
      isError: false,
      json: {
        success: true,
        learned: true,
        outcome: { agent: 'helena', task_type: 'testing', success: true },
      },
    });
  }
  const preference = await callJson(client, 'alma_add_preference', {
    user_id: 'ada',
    category: 'code_style',
    preference: 'tests name the behaviour they check',
    ...extra,
  });
  expect(preference.json).toMatchObject({
    success: true,
    preference: { user_id: 'ada', source: 'explicit_instruction' },
  });
  const knowledge = await callJson(client, 'alma_add_knowledge', {
    agent: 'helena',
    domain: 'testing',
    fact: 'the login form locks after five failed attempts',
    ...extra,
  });
  expect(knowledge.json).toMatchObject({
    success: true,
    knowledge: { agent: 'helena', source: 'user_stated' },
  });

  const retrieved = await callJson(client, 'alma_retrieve', {
    task: 'write a test for the login form',
    agent: 'helena',
    user_id: 'ada',
    top_k: 3,
    ...extra,
  });
  expect(retrieved).toMatchObject({
    isError: false,
    json: {
      success: true,
      memories: {
        heuristics: [{ occurrence_count: 3, success_rate: 1 }],
        outcomes: [{ task_type: 'testing' }, { task_type: 'testing' }, { task_type: 'testing' }],
        preferences: [{ category: 'code_style' }],
        domain_knowledge: [{ domain: 'testing' }],
        anti_patterns: [],
        agent: 'helena',
        query: 'write a test for the login form',
        total_items: 6,
      },
      prompt_injection: expect.stringContaining('test the happy path first'),
    },
  });

  const stats = await callJson(client, 'alma_stats', { agent: 'helena', ...extra });
  expect(stats.json).toMatchObject({ success: true, stats: { outcomes_count: 3, heuristics_count: 1 } });
  const health = await callJson(client, 'alma_health', { ...extra });
  expect(health.json).toMatchObject({ success: true, status: 'healthy', registered_agents: ['helena'] });
  const forgot = await callJson(client, 'alma_forget', { agent: 'helena', below_confidence: 0, ...extra });
  expect(forgot.json).toMatchObject({ success: true, pruned_count: 0 });

  const refused = await callJson(client, 'alma_learn', {
    agent: 'helena',
    task: 't',
    outcome: 'maybe',
    strategy_used: 's',
  });
  expect(refused).toMatchObject({
    isError: true,
    json: { success: false, code: 'VALIDATION', error: expect.stringContaining('outcome') },
  });

  const { resources } = await client.listResources();
  expect(resources.map((resource) => resource.uri)).toContain('alma://config');
  const config = await client.readResource({ uri: 'alma://agents' });
  const agents = JSON.parse((config.contents[0] as { text: string }).text);
  expect(agents).toMatchObject({
    agent_count: 1,
    agents: [{ name: 'helena', stats: { outcomes_count: 3 } }],
  });
}
