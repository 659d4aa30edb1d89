export * from './cosmos-http-recorder.js';
export * from './cosmos-stand-in.js';
