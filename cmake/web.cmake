# The web console and the workers' phone page (web/): `npm run build` (vue-tsc, ESLint with zero
# warnings, vite build, the phone page's size budget) into web/dist whenever a web source changes,
# so `make run` and `make test` serve fresh ones.
# scripts/install-deps.sh has run `npm ci` in web/ already.
option(GONGHUI_BUILD_WEB "Build the web console (web/dist) with npm" ON)

set(GONGHUI_WEB_DIR ${PROJECT_SOURCE_DIR}/web)
if(GONGHUI_BUILD_WEB AND EXISTS ${GONGHUI_WEB_DIR}/package.json)
  find_program(NPM_PROGRAM npm REQUIRED)
  file(GLOB_RECURSE GONGHUI_WEB_SOURCES CONFIGURE_DEPENDS
       ${GONGHUI_WEB_DIR}/src/*)
  list(APPEND GONGHUI_WEB_SOURCES
       ${GONGHUI_WEB_DIR}/index.html ${GONGHUI_WEB_DIR}/m/index.html
       ${GONGHUI_WEB_DIR}/scripts/check-mobile-size.mjs ${GONGHUI_WEB_DIR}/package.json
       ${GONGHUI_WEB_DIR}/package-lock.json ${GONGHUI_WEB_DIR}/vite.config.ts
       ${GONGHUI_WEB_DIR}/tsconfig.app.json ${GONGHUI_WEB_DIR}/eslint.config.js)
  set(GONGHUI_WEB_STAMP ${CMAKE_BINARY_DIR}/web-dist.stamp)
  add_custom_command(
    OUTPUT ${GONGHUI_WEB_STAMP}
    COMMAND ${NPM_PROGRAM} run --silent build
    COMMAND ${CMAKE_COMMAND} -E touch ${GONGHUI_WEB_STAMP}
    WORKING_DIRECTORY ${GONGHUI_WEB_DIR}
    DEPENDS ${GONGHUI_WEB_SOURCES}
    COMMENT "Building the web console (web/dist)"
    VERBATIM USES_TERMINAL)
  add_custom_target(web ALL DEPENDS ${GONGHUI_WEB_STAMP})
  set(GONGHUI_WEB_BUILT ON)
endif()
