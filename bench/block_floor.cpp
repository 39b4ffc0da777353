// bench/block_floor.cpp: the floor of reading a cohort of bgzipped VCFs through gene regions. For each file it
// finds (untimed, by reading the file whole once) the BGZF blocks that hold a byte of a record whose CHROM:POS
// lies in a region of the BED, then times decompressing exactly those blocks and nothing else, with htslib's
// BGZF reader (libdeflate and the CRC check, as pathcorr and bcftools read them), files shared over threads.
// Any reader that returns those records exactly decompresses at least these blocks; it also has to find them,
// read the header and the index or probe the file, parse, filter and write, none of which is timed here.
// Built and run by bench/scale_scan.sh.
// Usage: block_floor GENES.bed THREADS FILES.txt
//   -> one TSV line on stdout: files, blocks, blocks per file, MB decompressed, wall s, CPU s (timed phase).
#include <htslib/bgzf.h>
#include <time.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

std::string bare(const std::string& chrom) { return chrom.rfind("chr", 0) == 0 ? chrom.substr(3) : chrom; }

using Regions = std::map<std::string, std::vector<std::pair<int64_t, int64_t>>>;  // 1-based closed

Regions read_bed(const std::string& path) {
  Regions r;
  std::ifstream in(path);
  std::string chrom;
  int64_t start = 0, end = 0;
  while (in >> chrom >> start >> end) {
    r[bare(chrom)].emplace_back(start + 1, end);
    in.ignore(1 << 20, '\n');
  }
  return r;
}

bool in_regions(const Regions& r, const std::string& line) {
  const size_t t1 = line.find('\t');
  if (line.empty() || line[0] == '#' || t1 == std::string::npos) return false;
  const auto it = r.find(bare(line.substr(0, t1)));
  if (it == r.end()) return false;
  const int64_t pos = std::strtoll(line.c_str() + t1 + 1, nullptr, 10);
  for (const auto& [a, b] : it->second)
    if (pos >= a && pos <= b) return true;
  return false;
}

// The compressed offsets of the blocks holding a byte of a record in the regions (the file read whole).
std::vector<int64_t> blocks_of_records(const std::string& path, const Regions& regions) {
  BGZF* fp = bgzf_open(path.c_str(), "r");
  if (!fp) throw std::runtime_error(path + ": cannot open");
  std::set<int64_t> wanted;
  std::vector<int64_t> line_blocks;  // blocks the current line has bytes in
  std::string line;
  for (;;) {
    if (bgzf_read_block(fp) != 0) throw std::runtime_error(path + ": damaged BGZF data");
    if (fp->block_length == 0) break;
    const int64_t at = fp->block_address;
    const char* buf = static_cast<const char*>(fp->uncompressed_block);
    for (int i = 0; i < fp->block_length;) {
      if (line_blocks.empty() || line_blocks.back() != at) line_blocks.push_back(at);
      const char* nl = static_cast<const char*>(memchr(buf + i, '\n', fp->block_length - i));
      const int n = nl ? static_cast<int>(nl - (buf + i)) : fp->block_length - i;
      line.append(buf + i, n);
      i += n + (nl ? 1 : 0);
      if (!nl) break;
      if (in_regions(regions, line)) wanted.insert(line_blocks.begin(), line_blocks.end());
      line.clear();
      line_blocks.clear();
    }
  }
  bgzf_close(fp);
  return {wanted.begin(), wanted.end()};
}

double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: block_floor GENES.bed THREADS FILES.txt\n";
    return 2;
  }
  const Regions regions = read_bed(argv[1]);
  const int threads = std::max(1, std::atoi(argv[2]));
  std::vector<std::string> files;
  std::ifstream list(argv[3]);
  for (std::string f; std::getline(list, f);)
    if (!f.empty()) files.push_back(f);
  std::vector<std::vector<int64_t>> blocks;
  size_t n_blocks = 0;
  try {
    for (const auto& f : files) {
      blocks.push_back(blocks_of_records(f, regions));
      n_blocks += blocks.back().size();
    }
  } catch (const std::exception& e) {
    std::cerr << "block_floor: " << e.what() << "\n";
    return 1;
  }

  std::atomic<size_t> next{0};
  std::atomic<int64_t> bytes{0};
  std::atomic<bool> failed{false};
  auto worker = [&] {
    for (size_t i; (i = next++) < files.size();) {
      BGZF* fp = bgzf_open(files[i].c_str(), "r");
      if (!fp) {
        failed = true;
        continue;
      }
      for (int64_t off : blocks[i]) {
        if (bgzf_seek(fp, off << 16, SEEK_SET) < 0 || bgzf_read_block(fp) != 0 || fp->block_length <= 0) {
          failed = true;
          break;
        }
        bytes += fp->block_length;
      }
      bgzf_close(fp);
    }
  };
  const double cpu0 = cpu_seconds();
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const double cpu = cpu_seconds() - cpu0;
  if (failed) {
    std::cerr << "block_floor: a block could not be read again\n";
    return 1;
  }
  std::printf("%zu\t%zu\t%.1f\t%.1f\t%.4f\t%.4f\n", files.size(), n_blocks,
              files.empty() ? 0.0 : static_cast<double>(n_blocks) / static_cast<double>(files.size()),
              static_cast<double>(bytes) / 1e6, wall, cpu);
  return 0;
}
