import { describeRestApi } from './support/rest-api-suite.js';

describeRestApi('the SQLite store');
