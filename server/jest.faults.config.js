// The fault suite (`npm run test:faults`): tests that need real processes, a throwaway Postgres cluster
// and long timings (test/faults/). The normal suite (jest.config.js) leaves them out.
import base from './jest.config.js';

export default {
  ...base,
  testMatch: ['<rootDir>/test/faults/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 180_000,
  // One file at a time: they stop and start databases and time outages; the machine has two cores.
  maxWorkers: 1,
};
