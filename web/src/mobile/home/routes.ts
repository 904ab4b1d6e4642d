import type { RouteRecordRaw } from 'vue-router'

export const homeRoutes: RouteRecordRaw[] = [
  { path: '/', component: () => import('./HomePage.vue'), meta: { title: '首页', tab: 'home' } },
]
