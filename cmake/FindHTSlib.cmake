# Fallback when pkg-config does not know htslib: look for the header and the library.
find_path(HTSLIB_INCLUDE_DIR htslib/vcf.h)
find_library(HTSLIB_LIBRARY NAMES hts)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(HTSlib DEFAULT_MSG HTSLIB_LIBRARY HTSLIB_INCLUDE_DIR)
if(HTSlib_FOUND AND NOT TARGET pathcorr::htslib)
  add_library(pathcorr::htslib UNKNOWN IMPORTED)
  set_target_properties(pathcorr::htslib PROPERTIES
    IMPORTED_LOCATION "${HTSLIB_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${HTSLIB_INCLUDE_DIR}")
endif()
