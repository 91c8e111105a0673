# benchmark_smoke: the harness end to end on a tiny SQLite database, once per action. It checks
# that the JSON is valid and names every action; it asserts no time (docs/benchmarks.md).
#   cmake -DBLOGDESK=... -DBENCHMARK=... -DWORK_DIR=... -P BenchmarkSmoke.cmake
cmake_minimum_required(VERSION 3.19) # string(JSON)
set(actions startup_first_rows page_forward page_back last_page sort_by_author
    filter_rare_text filter_common_text search_rare_word search_common_word
    select_busiest_post author_statistics longest_gui_stall peak_rss)

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
set(url "sqlite:///${WORK_DIR}/tiny.db")
execute_process(COMMAND "${BLOGDESK}" sample --database "${url}" --users 60
                        --posts-per-user 10 --comments-per-post 3 --seed 1
                RESULT_VARIABLE sample_result)
if(NOT sample_result EQUAL 0)
    message(FATAL_ERROR "blogdesk sample failed: ${sample_result}")
endif()
execute_process(COMMAND "${BENCHMARK}" --database "${url}" --repeats 1
                        --json "${WORK_DIR}/result.json" --scale smoke
                RESULT_VARIABLE run_result)
if(NOT run_result EQUAL 0)
    message(FATAL_ERROR "blogdesk_benchmark failed: ${run_result}")
endif()

file(READ "${WORK_DIR}/result.json" json)
string(JSON backends ERROR_VARIABLE error LENGTH "${json}")
if(error OR NOT backends EQUAL 1)
    message(FATAL_ERROR "result.json is not an array of one back end: ${error}")
endif()
string(JSON backend GET "${json}" 0 backend)
if(NOT backend STREQUAL "sqlite")
    message(FATAL_ERROR "back end '${backend}', expected sqlite")
endif()
string(JSON count LENGTH "${json}" 0 actions)
set(found "")
math(EXPR last "${count} - 1")
foreach(i RANGE ${last})
    string(JSON name GET "${json}" 0 actions ${i} action)
    string(JSON status GET "${json}" 0 actions ${i} status)
    string(JSON met GET "${json}" 0 actions ${i} met)
    if(status STREQUAL "failed")
        string(JSON note GET "${json}" 0 actions ${i} note)
        message(FATAL_ERROR "${name} failed: ${note}")
    endif()
    if(status STREQUAL "measured")
        string(JSON median GET "${json}" 0 actions ${i} median)
        if(median STREQUAL "" OR median STREQUAL "null")
            message(FATAL_ERROR "${name} was measured but has no median")
        endif()
    endif()
    list(APPEND found "${name}")
endforeach()
foreach(action IN LISTS actions)
    if(NOT action IN_LIST found)
        message(FATAL_ERROR "result.json has no action '${action}' (has: ${found})")
    endif()
endforeach()
file(REMOVE_RECURSE "${WORK_DIR}")
