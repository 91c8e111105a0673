# Qt Linguist. `cmake --build build --target update_translations` runs lupdate over the
# product sources into the .ts files below, for translators; the normal build never runs it.
# The lupdate_clean test runs the same lupdate over the same files (lupdate-sources.lst).
find_package(Qt6 REQUIRED COMPONENTS LinguistTools)

set(BLOGDESK_TS_FILES ${PROJECT_SOURCE_DIR}/resources/translations/blogdesk_de.ts)

set(translated_sources)
foreach(folder IN ITEMS app models views migrations sql)
    file(GLOB_RECURSE folder_sources CONFIGURE_DEPENDS
        ${PROJECT_SOURCE_DIR}/${folder}/*.cpp ${PROJECT_SOURCE_DIR}/${folder}/*.h)
    list(APPEND translated_sources ${folder_sources})
endforeach()
list(SORT translated_sources)

qt_add_lupdate(blogdesk
    TS_FILES ${BLOGDESK_TS_FILES}
    SOURCES ${translated_sources}
    INCLUDE_DIRECTORIES ${PROJECT_SOURCE_DIR})

# One file name a line, the include path first: lupdate reads it as "@lupdate-sources.lst".
list(JOIN translated_sources "\n" source_lines)
file(CONFIGURE OUTPUT ${PROJECT_BINARY_DIR}/lupdate-sources.lst
    CONTENT "-I${PROJECT_SOURCE_DIR}\n${source_lines}\n")
