#pragma once
// Help ▸ About VPF Lab and Help ▸ The Paper…: the paper VPF Lab implements (reference, what of it
// is implemented, BibTeX), shown in message boxes.
class QWidget;

namespace vpf {

void showAboutDialog(QWidget* parent);
void showPaperDialog(QWidget* parent);

}  // namespace vpf
