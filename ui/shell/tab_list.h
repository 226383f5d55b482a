#pragma once
// The main window's tabs, listed once. Each entry is a factory that creates one or more panels
// (ui/support/panel.h) from what the window offers them (TabSetup); the window adds them as tabs
// in list order and wires every one through the Panel interface only (tabs and tool tips, the
// View menu, snapshots, data sets, settings, Export Figure…, Export All Figures…). A new tab is
// a Panel subclass and one line in defaultTabs(); tests may append their own factory.
#include <QString>
#include <functional>
#include <vector>

class QObject;

namespace vpf {

struct AppOptions;
class Panel;
class Session;
class SnapshotHub;

struct TabSetup {
  const AppOptions& options;
  SnapshotHub& hub;  // newest snapshots, for state several panels share (the sampling context)
  Session& session;  // the data set, likewise (Session::datasetChanged)
  QObject* owner;    // parent for shared non-widget state
  /// Shows an error through the window's current MessageReporter.
  std::function<void(const QString& title, const QString& text)> reportError;
  /// Work to run once start-up has opened the data set and model the options name (not after
  /// resuming an autosave), e.g. loading the --compare model.
  std::vector<std::function<void()>>& afterStartup;
};

using TabFactory = std::function<std::vector<Panel*>(const TabSetup& setup)>;

/// Filters, Curves, Histogram, Data, STDP, Reconstruct, Gibbs chain, Confabulate, Early inference,
/// Target prop (Bengio 2015).
std::vector<TabFactory> defaultTabs();

}  // namespace vpf
