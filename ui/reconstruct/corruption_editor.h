#pragma once
// The painted corruption of one image, without widgets: the original (binarised) image, the input
// the chain is clamped to, and the mask (1 = corrupted/unknown pixel, as core/data/corruption.h).
// Brush modes: Noise marks pixels unknown (they start as Bernoulli(½) noise and are reconstructed);
// Zero/One set known pixels to 0/1 (draw on the digit); Restore makes pixels known and original
// again. Every stroke, preset and clear is one undo step; undo/redo restore the state exactly.
#include <QPoint>
#include <vector>

#include "core/common/types.h"
#include "core/data/corruption.h"

namespace vpf {

enum class BrushMode { Noise = 0, Zero = 1, One = 2, Restore = 3 };

struct CorruptionState {
  RowVector input;  // 1 × n0: the known pixels' values (original unless painted 0/1)
  RowVector mask;   // 1 × n0: 1 = corrupted
  bool operator==(const CorruptionState& o) const { return input == o.input && mask == o.mask; }
};

class CorruptionEditor {
 public:
  CorruptionEditor(int rows = 28, int cols = 28);

  /// A new image: input = original, mask cleared, history cleared.
  void setOriginal(const RowVector& original, int rows, int cols);
  const RowVector& original() const { return m_original; }
  const CorruptionState& state() const { return m_state; }
  int rows() const { return m_rows; }
  int cols() const { return m_cols; }

  void setBrush(BrushMode mode, int size) {
    m_mode = mode;
    m_size = size;
  }
  BrushMode brushMode() const { return m_mode; }
  int brushSize() const { return m_size; }
  /// The pixels (row-major indices) a brush of the current size covers at (col, row): a size × size
  /// square whose top-left corner is (col − (size−1)/2, row − (size−1)/2), clipped to the image.
  std::vector<int> brushPixels(QPoint pixel) const;

  /// A stroke: begin (saves an undo step), paint at points (consecutive points are joined by a
  /// line), end. Returns whether the state changed.
  void beginStroke();
  bool strokeTo(QPoint pixel);
  void endStroke();

  /// Replaces the mask by a preset (paper Table 1 pattern, `count` rows/cols); input = original.
  void applyPreset(CorruptionPattern pattern, int count);
  /// Input = original, no mask.
  void clear();
  bool undo();
  bool redo();
  bool canUndo() const { return !m_undo.empty(); }
  bool canRedo() const { return !m_redo.empty(); }

 private:
  void pushUndo();
  bool paintAt(QPoint pixel);

  RowVector m_original;
  CorruptionState m_state;
  std::vector<CorruptionState> m_undo, m_redo;
  int m_rows, m_cols;
  BrushMode m_mode = BrushMode::Noise;
  int m_size = 2;
  bool m_inStroke = false;
  QPoint m_last{-1, -1};
};

}  // namespace vpf
