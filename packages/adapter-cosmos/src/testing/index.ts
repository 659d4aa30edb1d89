export * from './cosmos-http-recorder.js';
export * from './cosmos-in-process-client.js';
export type { HttpClient, PipelineRequest, PipelineResponse } from './cosmos-rest-pipeline.js';
export * from './cosmos-stand-in.js';
