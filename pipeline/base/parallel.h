// Independent jobs over a few threads: the one pool idiom of pathcorr (scan's files, test's features, format
// detection). Results go into slots the caller indexes by job, so outputs never depend on the thread count.
#pragma once
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace pathcorr {

// Runs work(state, i) for every i in [0, n) on min(threads, n) threads, the calling thread one of them; jobs are
// handed out in index order, and each thread has its own default-constructed State (a cache, say). The first
// exception a job throws stops the handing out; it is rethrown once every thread has stopped.
template <class State, class Work>
void parallel_for(size_t n, int threads, Work&& work) {
  std::atomic<size_t> next{0};
  std::exception_ptr error;
  std::mutex error_mutex;
  auto run = [&] {
    State state;
    try {
      for (size_t i; (i = next++) < n;) work(state, i);
    } catch (...) {
      std::lock_guard<std::mutex> lock(error_mutex);
      if (!error) error = std::current_exception();
      next = n;
    }
  };
  const size_t nthreads = std::max<size_t>(1, std::min<size_t>(static_cast<size_t>(std::max(threads, 1)), n));
  std::vector<std::thread> pool;
  for (size_t t = 1; t < nthreads; ++t) pool.emplace_back(run);
  run();
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
}

// The same without per-thread state: work(i).
template <class Work>
void parallel_for(size_t n, int threads, Work&& work) {
  struct NoState {};
  parallel_for<NoState>(n, threads, [&work](NoState&, size_t i) { work(i); });
}

}  // namespace pathcorr
