// bench/block_floor.cpp: floors of reading a cohort of bgzipped VCFs through gene regions. For each file it finds
// (untimed, by reading the file whole once) three sets of BGZF blocks, then times decompressing exactly those and
// nothing else, with htslib's BGZF reader (libdeflate and the CRC check, as pathcorr and bcftools read them),
// files shared over threads:
//   records  the blocks holding a byte of a record whose CHROM:POS lies in a region of the BED: any reader that
//            returns those records exactly decompresses at least these;
//   binless  those, and for each region the last block whose first line (the first to begin in the block) sorts
//            before the region's start: a reader that does not read the index's bins cannot know that this
//            block holds none of the region's records without decompressing it (deflate data can only be
//            decompressed from a block's start);
//   tbi      the records blocks, and the file's .tbi decompressed whole: a reader that takes the blocks from the
//            index's bins and linear index reads all of it first (each sequence's bins follow the last's).
// Each reader also has to find the blocks, read the header (and the index's names), parse, filter and write,
// none of which is timed here. Built and run by bench/scale_scan.sh.
// Usage: block_floor GENES.bed THREADS FILES.txt
//   -> one TSV line per floor on stdout: floor, files, blocks, blocks per file, MB decompressed, wall s, CPU s
//      (timed phase; MB and blocks include the .tbi's for the tbi floor).
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

struct Blocks {
  std::vector<int64_t> records;  // compressed offsets, ascending
  std::vector<int64_t> binless;
};

// A line's place in the file's order: the rank of its sequence (in order of first appearance; -1 for a header
// line) and its POS.
using Key = std::pair<int, int64_t>;

// The blocks of both bin-free floors (the file read whole).
Blocks blocks_of(const std::string& path, const Regions& regions) {
  BGZF* fp = bgzf_open(path.c_str(), "r");
  if (!fp) throw std::runtime_error(path + ": cannot open");
  std::set<int64_t> wanted;
  std::vector<std::pair<int64_t, Key>> first_lines;  // each block in which a line begins: its first such line
  std::map<std::string, int> rank;
  std::vector<int64_t> line_blocks;  // blocks the current line has bytes in
  std::string line;
  const auto key_of = [&rank](const std::string& l) -> Key {
    const size_t t1 = l.find('\t');
    if (l.empty() || l[0] == '#' || t1 == std::string::npos) return {-1, 0};
    const auto it = rank.emplace(bare(l.substr(0, t1)), static_cast<int>(rank.size())).first;
    return {it->second, std::strtoll(l.c_str() + t1 + 1, nullptr, 10)};
  };
  bool awaiting_key = false;  // the first line to begin in the last block listed is not whole yet
  for (;;) {
    if (bgzf_read_block(fp) != 0) throw std::runtime_error(path + ": damaged BGZF data");
    if (fp->block_length == 0) break;
    const int64_t at = fp->block_address;
    const char* buf = static_cast<const char*>(fp->uncompressed_block);
    for (int i = 0; i < fp->block_length;) {
      if (line.empty() && (first_lines.empty() || first_lines.back().first != at)) {
        first_lines.emplace_back(at, Key{});
        awaiting_key = true;
      }
      if (line_blocks.empty() || line_blocks.back() != at) line_blocks.push_back(at);
      const char* nl = static_cast<const char*>(memchr(buf + i, '\n', fp->block_length - i));
      const int n = nl ? static_cast<int>(nl - (buf + i)) : fp->block_length - i;
      line.append(buf + i, n);
      i += n + (nl ? 1 : 0);
      if (!nl) break;
      if (awaiting_key) {  // lines end in the order they begin: this is that line
        first_lines.back().second = key_of(line);
        awaiting_key = false;
      }
      if (in_regions(regions, line)) wanted.insert(line_blocks.begin(), line_blocks.end());
      line.clear();
      line_blocks.clear();
    }
  }
  bgzf_close(fp);
  Blocks b{{wanted.begin(), wanted.end()}, {}};
  for (const auto& [chrom, intervals] : regions) {
    const auto r = rank.find(chrom);
    if (r == rank.end()) continue;  // no record on the sequence
    for (const auto& iv : intervals) {
      const Key start{r->second, iv.first};
      int64_t lo = -1;
      for (const auto& [offset, key] : first_lines)
        if (key < start) lo = offset;
      if (lo >= 0) wanted.insert(lo);
    }
  }
  b.binless.assign(wanted.begin(), wanted.end());
  return b;
}

// Every block of a BGZF file (its .tbi), by compressed offset.
std::vector<int64_t> all_blocks(const std::string& path) {
  BGZF* fp = bgzf_open(path.c_str(), "r");
  if (!fp) throw std::runtime_error(path + ": cannot open");
  std::vector<int64_t> out;
  for (;;) {
    if (bgzf_read_block(fp) != 0) throw std::runtime_error(path + ": damaged BGZF data");
    if (fp->block_length == 0) break;
    out.push_back(fp->block_address);
  }
  bgzf_close(fp);
  return out;
}

double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

}  // namespace

// Decompresses, on `threads` threads, the blocks `plan[i]` of each file `files[i]` (a file with no planned blocks
// is passed over). Prints the floor's line.
bool time_floor(const char* name, size_t inputs, const std::vector<std::string>& files,
                const std::vector<std::vector<int64_t>>& plan, int threads) {
  size_t n_blocks = 0;
  for (const auto& p : plan) n_blocks += p.size();
  std::atomic<size_t> next{0};
  std::atomic<int64_t> bytes{0};
  std::atomic<bool> failed{false};
  auto worker = [&] {
    for (size_t i; (i = next++) < files.size();) {
      if (plan[i].empty()) continue;
      BGZF* fp = bgzf_open(files[i].c_str(), "r");
      if (!fp) {
        failed = true;
        continue;
      }
      for (int64_t off : plan[i]) {
        if (bgzf_seek(fp, off << 16, SEEK_SET) < 0 || bgzf_read_block(fp) != 0) {
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
    return false;
  }
  std::printf("%s\t%zu\t%zu\t%.1f\t%.1f\t%.4f\t%.4f\n", name, inputs, n_blocks,
              inputs == 0 ? 0.0 : static_cast<double>(n_blocks) / static_cast<double>(inputs),
              static_cast<double>(bytes) / 1e6, wall, cpu);
  return true;
}

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
  // The tbi floor reads two files per VCF: the .tbi whole, then the records blocks (its plan lists the .tbi first).
  std::vector<std::vector<int64_t>> records, binless, tbi_plan;
  std::vector<std::string> tbi_files;
  try {
    for (const auto& f : files) {
      Blocks b = blocks_of(f, regions);
      records.push_back(b.records);
      binless.push_back(std::move(b.binless));
      tbi_files.push_back(f + ".tbi");
      tbi_plan.push_back(all_blocks(f + ".tbi"));
      tbi_files.push_back(f);
      tbi_plan.push_back(std::move(b.records));
    }
  } catch (const std::exception& e) {
    std::cerr << "block_floor: " << e.what() << "\n";
    return 1;
  }
  const size_t n = files.size();
  const bool ok = time_floor("records", n, files, records, threads) &&
                  time_floor("binless", n, files, binless, threads) &&
                  time_floor("tbi", n, tbi_files, tbi_plan, threads);
  return ok ? 0 : 1;
}
