# pathcorr_layer(NAME DIR [EXCLUDE file...] [EXTRA_SOURCES file...])
# Makes the static library pathcorr_NAME from DIR/*.cpp. Its include root is a directory of the build tree that
# holds a link to DIR only (layers/NAME/DIR -> source DIR), so `#include "DIR/x.h"` works for this library and for
# every library made after it, which links it PRIVATE; a library made earlier cannot see DIR's headers at all.
# PATHCORR_LAYERS lists the libraries in order.
function(pathcorr_layer name dir)
  cmake_parse_arguments(L "" "" "EXCLUDE;EXTRA_SOURCES" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/${dir}/*.cpp)
  foreach(x IN LISTS L_EXCLUDE)
    list(REMOVE_ITEM sources ${PROJECT_SOURCE_DIR}/${dir}/${x})
  endforeach()
  set(root ${PROJECT_BINARY_DIR}/layers/${name})
  get_filename_component(parent ${root}/${dir} DIRECTORY)
  file(MAKE_DIRECTORY ${parent})
  if(NOT EXISTS ${root}/${dir})
    file(CREATE_LINK ${PROJECT_SOURCE_DIR}/${dir} ${root}/${dir} SYMBOLIC)
  endif()
  add_library(pathcorr_${name} STATIC ${sources} ${L_EXTRA_SOURCES})
  target_include_directories(pathcorr_${name} INTERFACE ${root} PRIVATE ${root})
  target_link_libraries(pathcorr_${name} PRIVATE ${PATHCORR_LAYERS} pathcorr::htslib ZLIB::ZLIB Threads::Threads
                        pathcorr_flags)
  set(PATHCORR_LAYERS ${PATHCORR_LAYERS} pathcorr_${name} PARENT_SCOPE)
endfunction()
