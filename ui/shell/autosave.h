#pragma once
// Crash recovery: the training worker writes a checkpoint at every epoch end to
// <AppDataLocation>/autosave.npz; a marker file exists while the app runs and is removed on a
// clean exit. At start-up, a marker left behind plus a checkpoint means the last session did not
// end cleanly and the checkpoint can be offered for resuming.
#include <QString>

namespace vpf {

class Autosave {
 public:
  /// `folder` "" → QStandardPaths::AppDataLocation.
  explicit Autosave(const QString& folder = QString());

  QString folder() const { return m_folder; }
  QString checkpointPath() const;
  QString markerPath() const;

  /// True when a previous session left its marker and a checkpoint (call before beginSession()).
  /// A marker of a process that is still running (another instance) does not count.
  bool hasRecoverableCheckpoint() const;
  void beginSession();   // writes the marker
  void endSession();     // removes the marker (clean exit)
  void discardCheckpoint();

 private:
  QString m_folder;
};

}  // namespace vpf
