import { resolve } from 'node:path';

/** Storybook for every Yichuang component; builds offline into storybook-static/. */
export default {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../stories/*.stories.ts'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  async viteFinal(config) {
    // The packages' TypeScript sources, as the test runner sees them.
    config.resolve ??= {};
    config.resolve.alias = [
      ...(Array.isArray(config.resolve.alias) ? config.resolve.alias : []),
      { find: /^@yichuang\/([a-z-]+)\/define\.js$/, replacement: resolve('packages/$1/src/define.ts') },
      { find: /^@yichuang\/([a-z-]+)$/, replacement: resolve('packages/$1/src/index.ts') },
    ];
    return config;
  },
};
