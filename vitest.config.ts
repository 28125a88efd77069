import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration suites start their own local stack (DynamoDB Local, SES emulator, SMS sink);
    // CDK suites bundle functions with esbuild. Both take seconds, not milliseconds.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    env: {
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      AWS_EC2_METADATA_DISABLED: 'true',
      CDK_DISABLE_VERSION_CHECK: '1',
    },
  },
});
