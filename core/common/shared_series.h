#pragma once
// An append-only series with value semantics whose copies share their history (DESIGN §9): the
// elements live in sealed, immutable chunks of ChunkSize held by shared pointers, plus an open
// tail owned by each copy. Copying costs one pointer and the tail (< ChunkSize elements), not the
// whole series — so a training snapshot published 25 times a second costs O(new points), not
// O(history). Copies may be read on other threads: shared chunks are never written again.
#include <cstddef>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <vector>

namespace vpf {

template <typename T, std::size_t ChunkSize = 512>
class SharedSeries {
 public:
  SharedSeries() = default;
  SharedSeries(std::initializer_list<T> values) {
    for (const T& v : values) push_back(v);
  }

  void push_back(T value) {
    m_tail.push_back(std::move(value));
    if (m_tail.size() == ChunkSize) seal();
  }
  void clear() {
    m_chunks.reset();
    m_tail.clear();
  }

  std::size_t size() const { return sealedSize() + m_tail.size(); }
  bool empty() const { return size() == 0; }
  const T& operator[](std::size_t i) const {
    const std::size_t sealed = sealedSize();
    if (i >= sealed) return m_tail[i - sealed];
    return (*(*m_chunks)[i / ChunkSize])[i % ChunkSize];
  }
  const T& front() const { return (*this)[0]; }
  const T& back() const { return (*this)[size() - 1]; }
  std::vector<T> toVector() const { return std::vector<T>(begin(), end()); }

  class const_iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using pointer = const T*;
    using reference = const T&;
    const_iterator() = default;
    const_iterator(const SharedSeries* series, std::size_t index) : m_series(series), m_index(index) {}
    reference operator*() const { return (*m_series)[m_index]; }
    pointer operator->() const { return &(*m_series)[m_index]; }
    const_iterator& operator++() {
      ++m_index;
      return *this;
    }
    const_iterator operator++(int) {
      const_iterator old = *this;
      ++m_index;
      return old;
    }
    bool operator==(const const_iterator& o) const { return m_index == o.m_index; }
    bool operator!=(const const_iterator& o) const { return m_index != o.m_index; }

   private:
    const SharedSeries* m_series = nullptr;
    std::size_t m_index = 0;
  };
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, size()}; }

  /// Elements a copy of this series owns (copies on copying); the rest are shared.
  std::size_t ownedElements() const { return m_tail.size(); }
  /// True when both hold the same sealed chunks (one was copied from the other, neither sealed since).
  bool sharesChunksWith(const SharedSeries& other) const { return m_chunks && m_chunks == other.m_chunks; }

 private:
  using Chunk = std::vector<T>;
  using ChunkList = std::vector<std::shared_ptr<const Chunk>>;

  void seal() {
    auto next = std::make_shared<ChunkList>(m_chunks ? *m_chunks : ChunkList{});
    next->push_back(std::make_shared<const Chunk>(std::move(m_tail)));
    m_chunks = std::move(next);
    m_tail = Chunk();
  }
  std::size_t sealedSize() const { return m_chunks ? m_chunks->size() * ChunkSize : 0; }

  std::shared_ptr<const ChunkList> m_chunks;  // sealed chunks, each exactly ChunkSize elements
  Chunk m_tail;                               // the open chunk, < ChunkSize elements
};

}  // namespace vpf
