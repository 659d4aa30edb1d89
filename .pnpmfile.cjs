// Native addons (better-sqlite3) build with node-gyp, which downloads the Node headers unless told
// where they are. Node installs (Debian's, nodesource's, the official tarballs) ship the headers
// beside the binary in <prefix>/include/node, so point node-gyp there and the build stays offline.
const { existsSync } = require('node:fs');
const { resolve } = require('node:path');

const prefix = resolve(process.execPath, '..', '..');
const hasHeaders = existsSync(resolve(prefix, 'include', 'node', 'node_version.h'));

module.exports = {
  hooks: {
    updateConfig(config) {
      if (!hasHeaders || process.env.npm_config_nodedir) return config;
      return { ...config, extraEnv: { ...config.extraEnv, npm_config_nodedir: prefix } };
    },
  },
};
