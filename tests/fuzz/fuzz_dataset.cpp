// A data set folder as `--dataset DIR` and the app's "Open data set…" read it: the input is split
// into the four IDX files (training/test images and labels, raw or gzip), which loadDataSplits
// must load consistently (counts and image shapes agree) or refuse with vpf::Error.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdlib>

#include "core/data/dataset.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace vpf;
  FuzzedDataProvider input(data, size);
  static const char* kFiles[] = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                                 "t10k-labels-idx1-ubyte"};
  for (int i = 0; i < 4; ++i) {
    const std::string bytes = i < 3 ? input.ConsumeRandomLengthString(size) : input.ConsumeRemainingBytesAsString();
    fuzz::writeScratchFile(kFiles[i], bytes);
  }
  fuzz::expectAcceptedOrRefused([&] {
    const DataSplits s = loadDataSplits(fuzz::scratchFolder().string());
    for (const Dataset* d : {&s.train, &s.test}) {
      if (d->images.cols() != d->pixels()) std::abort();
      if (!d->labels.empty() && static_cast<Eigen::Index>(d->labels.size()) != d->images.rows()) std::abort();
      if (d->images.size() > 0 && (d->images.minCoeff() < 0 || d->images.maxCoeff() > 1)) std::abort();
    }
    if (s.train.pixels() != s.test.pixels()) std::abort();
  });
  return 0;
}
