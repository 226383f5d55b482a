#include "ui/support/panel.h"

namespace vpf {

Panel::Panel(QWidget* parent) : QWidget(parent) {}

void Panel::setSnapshot(const SnapshotPtr&) {}

void Panel::setDataset(std::shared_ptr<const DataSplits>, const QString&) {}

void Panel::setTrainingConfig(const TrainingConfig&) {}

}  // namespace vpf
