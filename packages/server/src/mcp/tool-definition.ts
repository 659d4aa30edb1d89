import { z } from 'zod';
import type { McpContext } from './tool-context.js';

export const text = (description: string) => z.string().min(1).describe(description);
export const projectArgument = {
  project_id: z
    .string()
    .min(1)
    .optional()
    .describe(
      'Project to work in; needed only when the API key grants several projects and has no default project',
    ),
};

/** One MCP tool: its original name and arguments, validated by zod, answered in the original's shape. */
export interface ToolDefinition<S extends z.ZodObject = z.ZodObject> {
  readonly name: string;
  readonly description: string;
  readonly input: S;
  run(args: z.output<S>, context: McpContext): Promise<Record<string, unknown>>;
}

export function tool<S extends z.ZodObject>(definition: ToolDefinition<S>): ToolDefinition {
  return definition as unknown as ToolDefinition;
}
