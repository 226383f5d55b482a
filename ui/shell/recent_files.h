#pragma once
// The File ▸ Recent menu: data sets (specs) and model files, most recent first, kept in QSettings.
#include <QObject>
#include <QString>
#include <QStringList>

class QMenu;

namespace vpf {

class RecentFiles : public QObject {
  Q_OBJECT
 public:
  enum class Kind { Dataset, Model };
  RecentFiles(QMenu* menu, QObject* parent = nullptr);

  void add(Kind kind, const QString& value);
  void remove(Kind kind, const QString& value);
  QStringList entries() const { return m_entries; }  // "dataset:SPEC" / "model:PATH"
  void load();  // from QSettings
  void clear();

 signals:
  void datasetRequested(const QString& spec);
  void modelRequested(const QString& path);

 private:
  void rebuild();
  void save() const;

  QMenu* m_menu;
  QStringList m_entries;
  static constexpr int kMax = 10;
};

}  // namespace vpf
