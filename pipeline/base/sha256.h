// SHA-256 (FIPS 180-4) of byte strings and files, written here so that run.json's input checksums need no
// crypto library. Output is lowercase hex, as sha256sum prints it.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace pathcorr {

// Incremental hasher: update() any number of times, then hex_digest() once.
class Sha256 {
 public:
  Sha256();
  void update(const void* data, size_t size);
  void update(std::string_view bytes) { update(bytes.data(), bytes.size()); }
  std::array<uint8_t, 32> digest();  // finishes the hash; the object must not be updated afterwards
  std::string hex_digest();

 private:
  void compress(const uint8_t* block);
  std::array<uint32_t, 8> state_;
  std::array<uint8_t, 64> buffer_{};
  size_t buffered_ = 0;
  uint64_t total_bytes_ = 0;
  bool finished_ = false;
};

std::string sha256_hex(std::string_view bytes);
// Streams the file (no decompression: the checksum of the bytes on disk). IoError when it cannot be read.
std::string sha256_file_hex(const std::string& path);

}  // namespace pathcorr
