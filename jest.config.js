// ESM jest: ts-jest transpiles only (isolatedModules); `npm run typecheck` does the type checking.
/** @type {import('jest').Config} */
export default {
  testEnvironment: "node",
  extensionsToTreatAsEsm: [".ts"],
  moduleNameMapper: { "^(\\.{1,2}/.*)\\.js$": "$1" },
  transform: {
    "^.+\\.ts$": ["ts-jest", { useESM: true, tsconfig: "tsconfig.json" }],
  },
  testMatch: ["<rootDir>/test/**/*.test.ts"],
  // Room for the end-to-end suites on a loaded 2-core machine (they wait on real processes and 1 s write spacing).
  testTimeout: 90000,
  // CI has 2 cores; the end-to-end suites mostly wait on their child server, so two workers halve the wall time.
  maxWorkers: 2,
};
