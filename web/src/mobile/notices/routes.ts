import type { RouteRecordRaw } from 'vue-router'

export const noticesRoutes: RouteRecordRaw[] = [
  { path: '/notices', component: () => import('./NoticesPage.vue'), meta: { title: '通知', tab: 'notices' } },
]
