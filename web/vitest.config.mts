// Vitest: the console's unit tests (tests/unit), with the app's Vite config (the Vue plugin, the
// @ alias) and happy-dom for components. Run by CTest as web_unit (npm run test:unit).
import { fileURLToPath, URL } from 'node:url'
import { defineConfig, mergeConfig } from 'vitest/config'
import viteConfig from './vite.config'

export default mergeConfig(viteConfig, defineConfig({
  test: {
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['tests/unit/**/*.test.ts'],
    environment: 'happy-dom',
    // Mounting Element Plus components is slow on a machine busy with the rest of `make test`;
    // a limit only against a hang, not a speed check.
    testTimeout: 120000,
    hookTimeout: 120000,
    // Element Plus and Vant ship ES modules with CSS imports; let Vite transform them.
    server: { deps: { inline: ['element-plus', 'vant'] } },
  },
}))
