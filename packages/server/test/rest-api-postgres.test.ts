import { createPostgresTestDatabase } from '@alma/adapter-sql/testing';
import { describeRestApi } from './support/rest-api-suite.js';

describeRestApi('the PostgreSQL store', {
  url: async () => {
    const database = await createPostgresTestDatabase('alma_server');
    return { url: database.connectionString, drop: () => database.drop() };
  },
});
