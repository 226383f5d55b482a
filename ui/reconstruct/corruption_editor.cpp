#include "ui/reconstruct/corruption_editor.h"

#include <algorithm>
#include <cmath>

namespace vpf {

CorruptionEditor::CorruptionEditor(int rows, int cols) : m_rows(rows), m_cols(cols) {
  setOriginal(RowVector::Zero(rows * cols), rows, cols);
}

void CorruptionEditor::setOriginal(const RowVector& original, int rows, int cols) {
  m_rows = rows;
  m_cols = cols;
  m_original = original;
  m_state.input = original;
  m_state.mask = RowVector::Zero(original.size());
  m_undo.clear();
  m_redo.clear();
  m_inStroke = false;
}

std::vector<int> CorruptionEditor::brushPixels(QPoint pixel) const {
  std::vector<int> out;
  const int size = std::max(1, m_size);
  const int c0 = pixel.x() - (size - 1) / 2, r0 = pixel.y() - (size - 1) / 2;
  for (int r = std::max(0, r0); r < std::min(m_rows, r0 + size); ++r)
    for (int c = std::max(0, c0); c < std::min(m_cols, c0 + size); ++c) out.push_back(r * m_cols + c);
  return out;
}

void CorruptionEditor::pushUndo() {
  m_undo.push_back(m_state);
  if (m_undo.size() > 200) m_undo.erase(m_undo.begin());
  m_redo.clear();
}

void CorruptionEditor::beginStroke() {
  pushUndo();
  m_inStroke = true;
  m_last = QPoint(-1, -1);
}

bool CorruptionEditor::paintAt(QPoint pixel) {
  bool changed = false;
  for (int i : brushPixels(pixel)) {
    float input = m_state.input[i], mask = m_state.mask[i];
    switch (m_mode) {
      case BrushMode::Noise:
        mask = 1;
        input = m_original[i];
        break;
      case BrushMode::Zero:
        mask = 0;
        input = 0;
        break;
      case BrushMode::One:
        mask = 0;
        input = 1;
        break;
      case BrushMode::Restore:
        mask = 0;
        input = m_original[i];
        break;
    }
    changed |= input != m_state.input[i] || mask != m_state.mask[i];
    m_state.input[i] = input;
    m_state.mask[i] = mask;
  }
  return changed;
}

bool CorruptionEditor::strokeTo(QPoint pixel) {
  if (!m_inStroke) beginStroke();
  bool changed = false;
  if (m_last.x() < 0) {
    changed = paintAt(pixel);
  } else {
    // Join to the previous point so fast mouse moves leave no gaps.
    const QPoint d = pixel - m_last;
    const int steps = std::max(std::abs(d.x()), std::abs(d.y()));
    for (int s = 1; s <= steps; ++s) {
      const double t = static_cast<double>(s) / steps;
      changed |= paintAt(QPoint(static_cast<int>(std::lround(m_last.x() + t * d.x())),
                                static_cast<int>(std::lround(m_last.y() + t * d.y()))));
    }
    if (steps == 0) changed |= paintAt(pixel);
  }
  m_last = pixel;
  return changed;
}

void CorruptionEditor::endStroke() {
  m_inStroke = false;
  m_last = QPoint(-1, -1);
  if (!m_undo.empty() && m_undo.back() == m_state) m_undo.pop_back();  // a click that changed nothing
}

void CorruptionEditor::applyPreset(CorruptionPattern pattern, int count) {
  pushUndo();
  m_state.input = m_original;
  m_state.mask = corruptionMask(pattern, m_rows, m_cols, count);
}

void CorruptionEditor::clear() {
  pushUndo();
  m_state.input = m_original;
  m_state.mask = RowVector::Zero(m_original.size());
}

bool CorruptionEditor::undo() {
  if (m_undo.empty()) return false;
  m_redo.push_back(m_state);
  m_state = m_undo.back();
  m_undo.pop_back();
  return true;
}

bool CorruptionEditor::redo() {
  if (m_redo.empty()) return false;
  m_undo.push_back(m_state);
  m_state = m_redo.back();
  m_redo.pop_back();
  return true;
}

}  // namespace vpf
