#include "ui/support/panel.h"

namespace vpf {

Panel::Panel(QWidget* parent) : QWidget(parent) {}

void Panel::setSnapshot(const SnapshotPtr&) {}

void Panel::setDataset(std::shared_ptr<const DataSplits>, const QString&) {}

void Panel::setTrainingConfig(const TrainingConfig&) {}

bool Panel::opensModelKind(const std::string&) const { return false; }
bool Panel::openModelFile(const QString&, QString& error) {
  error = tr("this tab opens no model files");
  return false;
}

}  // namespace vpf
