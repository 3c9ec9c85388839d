# Read by ctest (TEST_INCLUDE_FILES) each time it starts: one CTest test `unit.SUITE` per
# top-level Boost.Test suite of vtaudit_tests, as the binary lists them, so a failing suite
# is named on its own, suites run in parallel under `ctest -j`, and a new *_test.cc needs no
# CMake line. The binary's path comes from the generated unit_suites_exe.cmake.
include("${CMAKE_CURRENT_LIST_DIR}/unit_suites_exe.cmake")
if(NOT EXISTS "${unit_exe}")
  add_test(unit.not_built "${CMAKE_COMMAND}" -E echo "vtaudit_tests is not built: ${unit_exe}")
  set_tests_properties(unit.not_built PROPERTIES WILL_FAIL TRUE)
  return()
endif()
execute_process(COMMAND "${unit_exe}" --list_content
                OUTPUT_VARIABLE out ERROR_VARIABLE listing RESULT_VARIABLE rc)
string(APPEND listing "${out}")
# Top-level entries are the lines without indentation: "name*" (enabled) or "name".
string(REGEX MATCHALL "(^|\n)[A-Za-z_][A-Za-z_0-9]*" suites "${listing}")
if(NOT rc EQUAL 0 OR NOT suites)
  add_test(unit.listing_failed "${unit_exe}" --list_content)
  set_tests_properties(unit.listing_failed PROPERTIES WILL_FAIL TRUE)
  return()
endif()
foreach(suite IN LISTS suites)
  string(STRIP "${suite}" suite)
  add_test(unit.${suite} "${unit_exe}" --run_test=${suite} --log_level=message)
  set_tests_properties(unit.${suite} PROPERTIES LABELS unit)
endforeach()
