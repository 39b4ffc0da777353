# embed_reference(OUTPUT file.cpp FILES a.tsv b.tsv ...)
# Writes a C++ source that defines pathcorr::builtin_reference_file(name), returning each file's text,
# so the binary runs with no data files beside it. Regenerated whenever a data file changes.
function(embed_reference)
  cmake_parse_arguments(ER "" "OUTPUT" "FILES" ${ARGN})
  set(abs_files)
  foreach(f IN LISTS ER_FILES)
    list(APPEND abs_files ${CMAKE_CURRENT_SOURCE_DIR}/${f})
  endforeach()
  string(REPLACE ";" "|" files_arg "${abs_files}")  # a list would be split into separate arguments
  add_custom_command(
    OUTPUT ${ER_OUTPUT}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${ER_OUTPUT} "-DFILES=${files_arg}" -P ${CMAKE_CURRENT_SOURCE_DIR}/cmake/EmbedReferenceScript.cmake
    DEPENDS ${abs_files} ${CMAKE_CURRENT_SOURCE_DIR}/cmake/EmbedReferenceScript.cmake
    COMMENT "Embedding the built-in reference tables"
    VERBATIM)
endfunction()
