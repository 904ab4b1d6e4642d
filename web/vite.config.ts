// Vite: two apps, each bundled whole (no CDN). The console (index.html) and the workers' phone
// page (m/index.html, under /m/) share only Vue and the small API/error modules; element-plus,
// echarts and the .xlsx writer (the console's) and vant (the phone's) get chunks of their own, so
// neither app's first screen loads the other's library.
import { defineConfig, type Plugin } from 'vite'
import vue from '@vitejs/plugin-vue'
import { fileURLToPath, URL } from 'node:url'

// Vant's icon font is inlined as woff2 (data:), with a second source on a CDN (at.alicdn.com) that
// no browser of ours needs and the CSP would refuse: dropped, so nothing is ever fetched off-site.
function noCdnFont(): Plugin {
  return {
    name: 'gonghui-no-cdn-font',
    transform(code, id) {
      if (!/vant\/es\/icon\/index\.css/.test(id)) return undefined
      return { code: code.replace(/,\s*url\(\/\/at\.alicdn\.com[^)]*\)\s*format\("woff"\)/g, ''), map: null }
    },
  }
}

export default defineConfig({
  plugins: [vue(), noCdnFont()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1100,
    rollupOptions: {
      input: {
        console: fileURLToPath(new URL('./index.html', import.meta.url)),
        mobile: fileURLToPath(new URL('./m/index.html', import.meta.url)),
      },
      output: {
        manualChunks(id: string) {
          // The console's client and messages, which the phone page reuses (one source).
          if (/\/src\/(api\/http|utils\/errors|utils\/format)\.ts$/.test(id)) return 'shared'
          // Rollup's CommonJS interop helper (Leaflet is a UMD module): one tiny module both apps
          // need, so not in the console's vendor chunk.
          if (id.includes('commonjsHelpers')) return 'shared'
          if (!id.includes('node_modules')) return undefined
          if (id.includes('echarts') || id.includes('zrender')) return 'echarts'
          if (id.includes('element-plus') || id.includes('@element-plus')) return 'element-plus'
          // The .xlsx writer only for the pages that export (loaded with them, not up front).
          if (id.includes('write-excel-file') || id.includes('fflate')) return 'xlsx'
          if (id.includes('/vant/') || id.includes('/@vant/')) return 'vant'
          // The stations' maps (both apps), loaded with the map when it is first shown.
          if (id.includes('/node_modules/leaflet/')) return 'leaflet'
          // Vue and its router: the one library both apps load.
          if (/\/node_modules\/(@vue|vue|vue-router)\//.test(id)) return 'vue'
          return 'vendor'
        },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
})
