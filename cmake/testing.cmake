# Test registration helpers. Every database and API test binary is registered twice: once on
# SQLite and once on PostgreSQL (GONGHUI_TEST_BACKEND), so no test can forget the second backend.

function(gh_unit_test name)
  cmake_parse_arguments(T "" "" "LIBS" ${ARGN})
  add_executable(${name}_tests ${T_UNPARSED_ARGUMENTS})
  target_link_libraries(${name}_tests PRIVATE ${T_LIBS} GTest::gtest_main)
  add_test(NAME ${name} COMMAND ${name}_tests)
endfunction()

function(gh_db_test name)
  cmake_parse_arguments(T "" "" "LIBS" ${ARGN})
  add_executable(${name}_tests ${T_UNPARSED_ARGUMENTS})
  target_link_libraries(${name}_tests PRIVATE ${T_LIBS} gh_test_support GTest::gtest_main)
  foreach(backend sqlite postgresql)
    add_test(NAME ${name}_${backend} COMMAND ${name}_tests)
    set_tests_properties(${name}_${backend} PROPERTIES
      ENVIRONMENT "GONGHUI_TEST_BACKEND=${backend}" LABELS "db;${backend}" TIMEOUT 600)
  endforeach()
endfunction()

function(gh_api_test name)
  gh_db_test(${name} ${ARGN})
  foreach(backend sqlite postgresql)
    set_tests_properties(${name}_${backend} PROPERTIES LABELS "api;${backend}")
  endforeach()
endfunction()
