# The lupdate_clean test: lupdate over the product sources (LIST, written by
# cmake/Translations.cmake) into a scratch .ts must say nothing but its progress. Any other
# line is a string a translation would miss or misplace: "tr() cannot be called without
# context" (a call lupdate drops), "Class 'X' lacks Q_OBJECT macro" (extracted under a
# context the call may not look up), "Qualifying with unknown namespace/class", ...
#   cmake -DLUPDATE=... -DLIST=... -DTS_FILE=... -P LupdateClean.cmake
foreach(variable LUPDATE LIST TS_FILE)
    if(NOT ${variable})
        message(FATAL_ERROR "lupdate_clean: pass -D${variable}=...")
    endif()
endforeach()

file(REMOVE ${TS_FILE})
execute_process(COMMAND ${LUPDATE} @${LIST} -ts ${TS_FILE}
    RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "lupdate_clean: lupdate failed (${result}):\n${output}")
endif()

string(REPLACE "\n" ";" lines "${output}")
set(complaints)
set(found 0)
foreach(line IN LISTS lines)
    if(line MATCHES "^ *Found ([0-9]+) source text")
        set(found ${CMAKE_MATCH_1})
    elseif(NOT line MATCHES "^(Updating '.*'\\.\\.\\.|Scanning directory '.*'\\.\\.\\.| *)$")
        list(APPEND complaints "${line}")
    endif()
endforeach()

if(complaints)
    list(LENGTH complaints count)
    list(JOIN complaints "\n" text)
    message(FATAL_ERROR "lupdate_clean: ${count} lupdate warning(s); give each tr() a context "
        "lupdate can see (Q_OBJECT or Q_DECLARE_TR_FUNCTIONS):\n${text}")
endif()
if(found EQUAL 0)
    message(FATAL_ERROR "lupdate_clean: lupdate found no strings at all:\n${output}")
endif()
message(STATUS "lupdate_clean: ${found} strings, no warnings")
