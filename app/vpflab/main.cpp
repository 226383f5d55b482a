// vpflab: the VPF Lab desktop application. Wiring only: options, the main window, start-up.
#include <QApplication>
#include <QTimer>
#include <cstdio>
#include <memory>

#include "ui/shell/app_options.h"
#include "ui/shell/main_window.h"
#include "ui/shell/message_reporter.h"
#include "ui/shell/screenshot_driver.h"

int main(int argc, char** argv) {
  // --help and --version work without a display; everything else is parsed after QApplication
  // has taken its own options (-platform, -style, …) out of argv.
  auto parseOrExit = [](const QStringList& arguments, vpf::AppOptions& options) -> int {
    QString error, help;
    if (vpf::AppOptions::parse(arguments, options, error, &help)) return -1;
    help.replace(QStringLiteral("<executable_name>"), QStringLiteral("vpflab"));
    if (error == QLatin1String("help")) {
      std::fputs(qPrintable(help), stdout);
      return 0;
    }
    if (error == QLatin1String("version")) {
      std::printf("vpflab %s\n", VPF_VERSION);
      return 0;
    }
    std::fprintf(stderr, "vpflab: %s\n\n%s", qPrintable(error), qPrintable(help));
    return 2;
  };
  vpf::AppOptions options;
  for (int i = 1; i < argc; ++i) {
    const QString a = QString::fromLocal8Bit(argv[i]);
    if (a == QLatin1String("-h") || a == QLatin1String("--help") || a == QLatin1String("-v") ||
        a == QLatin1String("--version"))
      return parseOrExit({QStringLiteral("vpflab"), a}, options);
  }

  QApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
  QApplication app(argc, argv);
  if (const int code = parseOrExit(app.arguments(), options); code >= 0) return code;
  QApplication::setOrganizationName(QStringLiteral("VPF Lab"));
  QApplication::setOrganizationDomain(QStringLiteral("vpflab.example.org"));
  QApplication::setApplicationName(QStringLiteral("vpflab"));
  QApplication::setApplicationDisplayName(QStringLiteral("VPF Lab"));
  QApplication::setApplicationVersion(QStringLiteral(VPF_VERSION));
  QApplication::setDesktopFileName(QStringLiteral("vpflab"));

  // Automated runs (screenshots, figure export, --quit-after-ms) must never block on a dialog.
  const bool automated = options.automated();
  const bool unattended = automated || options.quitAfterMs >= 0;
  std::shared_ptr<vpf::MessageReporter> reporter;
  if (unattended)
    reporter = std::make_shared<vpf::NonInteractiveReporter>(false, vpf::MessageReporter::SaveChoice::Discard);
  vpf::MainWindow window(options, reporter);
  if (!options.windowSize.isValid() && options.fresh) window.resize(1440, 900);
  window.show();
  window.startup();

  std::unique_ptr<vpf::ScreenshotDriver> driver;
  if (automated) {
    driver = std::make_unique<vpf::ScreenshotDriver>(&window, options.screenshot, options.afterEpochs,
                                                     options.screenshotTabs, options.exportAll, options.saveModel);
    QObject::connect(driver.get(), &vpf::ScreenshotDriver::finished, &app, [&window](int code) {
      window.close();
      QCoreApplication::exit(code);
    });
    QTimer::singleShot(0, driver.get(), &vpf::ScreenshotDriver::begin);
  }
  if (options.quitAfterMs >= 0) {
    QTimer::singleShot(options.quitAfterMs, &window, [&window] {
      window.close();
      QCoreApplication::quit();
    });
  }
  return app.exec();
}
