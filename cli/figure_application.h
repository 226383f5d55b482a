#pragma once
// The CLI has no QApplication of its own; figure rendering (QCustomPlot, QPainter, fonts) needs
// one. FigureApplication makes one for its lifetime when none exists, on the offscreen platform
// when there is no display.
#include <QApplication>

#include <optional>

namespace vpf::cli {

class FigureApplication {
 public:
  FigureApplication();
  FigureApplication(const FigureApplication&) = delete;
  FigureApplication& operator=(const FigureApplication&) = delete;

 private:
  int m_argc = 1;
  char m_arg0[4] = {'v', 'p', 'f', '\0'};
  char* m_argv[2] = {m_arg0, nullptr};
  std::optional<QApplication> m_app;
};

}  // namespace vpf::cli
