import { createPostgresDatabase } from './support/postgres-database.js';
import { describeRestApi } from './support/rest-api-suite.js';

describeRestApi('the PostgreSQL store', { url: createPostgresDatabase });
