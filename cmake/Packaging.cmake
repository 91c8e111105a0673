# `cpack -G DEB` in the build folder makes an installable Debian package.
set(CPACK_PACKAGE_NAME "blogdesk")
set(CPACK_PACKAGE_VENDOR "BlogDesk developers")
set(CPACK_PACKAGE_CONTACT "BlogDesk developers <blogdesk@example.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_DEBIAN_PACKAGE_SECTION "database")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The SQL drivers are plugins, invisible to shlibdeps: without them "driver not loaded".
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libqt6sql6-psql, libqt6sql6-mysql")
include(CPack)
