#include "cli/figure_application.h"

namespace vpf::cli {

FigureApplication::FigureApplication() {
  if (QCoreApplication::instance()) return;
  if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
    qputenv("QT_QPA_PLATFORM", "offscreen");
  m_app.emplace(m_argc, m_argv);
}

}  // namespace vpf::cli
