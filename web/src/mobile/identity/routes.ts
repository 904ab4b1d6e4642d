import type { RouteRecordRaw } from 'vue-router'
// The sign-in is the first screen of a new visitor: in the entry chunk, not loaded later.
import LoginPage from './LoginPage.vue'

export const identityRoutes: RouteRecordRaw[] = [
  { path: '/login', component: LoginPage, meta: { title: '登录', public: true } },
  { path: '/me', component: () => import('./MePage.vue'), meta: { title: '我的', tab: 'me' } },
  {
    path: '/me/data',
    component: () => import('./MyDataPage.vue'),
    meta: { title: '我的个人信息', tile: { text: '我的个人信息', icon: 'shield-o', order: 90 } },
  },
]
