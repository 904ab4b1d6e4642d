// The phone page's router, under /m/. Each domain lists its pages in <domain>/routes.ts and is
// added to `routes` below; a page with meta.tile also appears as an entry on the home page.
// Every page but the sign-in needs a worker session; a lost one goes to the sign-in and comes back.
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { setSessionLostHandler } from '@/api/http'
import { ensureSession, forget, refreshUnread } from './session'
import { homeRoutes } from './home/routes'
import { identityRoutes } from './identity/routes'
import { joiningRoutes } from './joining/routes'
import { noticesRoutes } from './notices/routes'
import { stationsRoutes } from './stations/routes'

declare module 'vue-router' {
  interface RouteMeta {
    // the tab bar's tab this page belongs to (top-level pages only; others show a back arrow)
    tab?: 'home' | 'notices' | 'me'
    // an entry on the home page: its text, a Vant icon name, the order among entries
    tile?: { text: string; icon: string; order: number }
  }
}

const routes: RouteRecordRaw[] = [
  ...homeRoutes,
  ...identityRoutes,
  ...joiningRoutes,
  ...noticesRoutes,
  ...stationsRoutes,
  { path: '/:rest(.*)*', redirect: '/' },
]

export const router = createRouter({
  history: createWebHistory('/m/'),
  routes,
  scrollBehavior: () => ({ top: 0 }),
})

router.beforeEach(async (to) => {
  if (to.meta.public) return true
  if (await ensureSession()) return true
  return { path: '/login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
})

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} - 职工之家` : '职工之家'
  if (!to.meta.public) void refreshUnread()
})

setSessionLostHandler(() => {
  forget()
  const here = router.currentRoute.value
  // On the first load the guard itself sends to the sign-in (with the page asked for).
  if (here.matched.length && !here.meta.public) void router.replace({ path: '/login', query: { redirect: here.fullPath } })
})
