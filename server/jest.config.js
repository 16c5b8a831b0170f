// Jest runs the TypeScript sources as ESM through SWC (decorator metadata on, as TypeGraphQL needs).
// NODE_OPTIONS=--experimental-vm-modules is set by the `test` script: Prisma's query compiler is an .mjs.
export default {
  // node, with the outer realm's typed arrays (native addons return them): see the file.
  testEnvironment: '<rootDir>/test/utils/native-typed-arrays-environment.js',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'es6' },
      },
    ],
  },
  testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts', '<rootDir>/bench/**/*.test.ts'],
  // The fault suite (real processes, database outages) runs alone: jest.faults.config.js.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/faults/'],
  testTimeout: 60000,
};
